// Which video encoders work on this machine. `ffmpeg -encoders` only says what the build was compiled with
// (Debian's lists NVENC, QSV and VA-API on a machine with no GPU), so each candidate the listing names is
// offered only when a short probe encode succeeds; the studio then prefers hardware, as OBS does.
import { execFile } from 'node:child_process';
import type { EncoderInfo } from '../contract/media';
import { encoderProbeArgs, videoEncoders, type VideoEncoderId } from './encoderCommand';

export interface ListedEncoder {
  name: string;
  kind: 'video' | 'audio' | 'subtitle';
  description: string;
}

const KINDS = { V: 'video', A: 'audio', S: 'subtitle' } as const;

/** The encoders an `ffmpeg -encoders` listing names (any build, any OS: the format is ffmpeg's own). */
export function parseEncoderListing(text: string): ListedEncoder[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*-{6}\s*$/.test(l));
  const out: ListedEncoder[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^ ([VAS])[.A-Z]{5} (\S+)\s+(.*)$/.exec(line);
    if (m)
      out.push({ kind: KINDS[m[1] as keyof typeof KINDS], name: m[2] as string, description: (m[3] ?? '').trim() });
  }
  return out;
}

/** Hardware APIs an OS can have at all: VideoToolbox is Apple's, VA-API Linux's, AMF Windows'. */
const PLATFORMS: Partial<Record<VideoEncoderId, NodeJS.Platform[]>> = {
  h264_nvenc: ['win32', 'linux'],
  h264_qsv: ['win32', 'linux'],
  h264_amf: ['win32'],
  h264_videotoolbox: ['darwin'],
  h264_vaapi: ['linux'],
};

/** The encoders worth a probe here: x264 and every hardware one the build has and the OS can run. */
export function encoderCandidates(listing: ListedEncoder[], platform: NodeJS.Platform): VideoEncoderId[] {
  const listed = new Set(listing.filter((e) => e.kind === 'video').map((e) => e.name));
  return videoEncoders.map((e) => e.id).filter((id) => listed.has(id) && (PLATFORMS[id]?.includes(platform) ?? true));
}

/** Hardware first, in OBS's order of preference; x264 when no probe succeeded. */
export function preferredEncoder(working: readonly { id: string }[]): VideoEncoderId {
  const order: VideoEncoderId[] = ['h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_videotoolbox', 'h264_vaapi'];
  return order.find((id) => working.some((w) => w.id === id)) ?? 'libx264';
}

export interface ProbeResult extends EncoderInfo {
  works: boolean;
  /** ffmpeg's last words when the probe failed. */
  detail: string;
}

function tryEncode(ffmpeg: string, args: string[]): Promise<{ works: boolean; detail: string }> {
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: 15_000, windowsHide: true }, (err, _out, stderr) => {
      const lines = String(stderr).trim().split('\n');
      resolve({ works: !err, detail: err ? lines[0]?.replace(/^\[[^\]]*\] /, '') || err.message : '' });
    });
  });
}

/** Probes the candidates one after another (hardware probes can hang a driver if run at once). */
export async function probeEncoderReport(
  ffmpeg: string,
  platform: NodeJS.Platform = process.platform,
): Promise<ProbeResult[]> {
  const listing = await new Promise<string>((resolve) => {
    execFile(ffmpeg, ['-hide_banner', '-encoders'], { timeout: 10_000 }, (_e, stdout) => resolve(String(stdout)));
  });
  const out: ProbeResult[] = [];
  for (const id of encoderCandidates(parseEncoderListing(listing), platform)) {
    const e = videoEncoders.find((v) => v.id === id) as (typeof videoEncoders)[number];
    out.push({ id, name: e.name, hardware: e.hardware, ...(await tryEncode(ffmpeg, encoderProbeArgs(id))) });
  }
  return out;
}

/** The encoders a probe encode proved to work here. */
export async function probeEncoders(ffmpeg: string, platform: NodeJS.Platform = process.platform) {
  const report = await probeEncoderReport(ffmpeg, platform);
  return report.filter((r) => r.works).map(({ id, name, hardware }) => ({ id, name, hardware }));
}
