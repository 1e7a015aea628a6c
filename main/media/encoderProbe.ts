// Which video encoders work on this machine: each is offered only when a short probe encode succeeds.
import { execFile } from 'node:child_process';
import type { EncoderInfo } from '../contract/media';
import { encoderProbeArgs, videoEncoders } from './encoderCommand';

function tryEncode(ffmpeg: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: 15_000, windowsHide: true }, (err) => resolve(!err));
  });
}

/** Probes the candidates one after another (hardware probes can hang a driver if run at once). */
export async function probeEncoders(
  ffmpeg: string,
  platform: NodeJS.Platform = process.platform,
): Promise<EncoderInfo[]> {
  const available = await new Promise<string>((resolve) => {
    execFile(ffmpeg, ['-hide_banner', '-encoders'], { timeout: 10_000 }, (_e, stdout) => resolve(String(stdout)));
  });
  const out: EncoderInfo[] = [];
  for (const e of videoEncoders) {
    if (!new RegExp(`\\s${e.id}\\s`).test(available)) continue;
    if (e.id === 'h264_videotoolbox' && platform !== 'darwin') continue;
    if (e.id === 'h264_vaapi' && platform !== 'linux') continue;
    if (await tryEncode(ffmpeg, encoderProbeArgs(e.id))) out.push({ id: e.id, name: e.name, hardware: e.hardware });
  }
  return out;
}
