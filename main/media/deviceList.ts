// Device lists from ffmpeg's own listing per OS: dshow (Windows), avfoundation (macOS), v4l2 + pulse/alsa
// (Linux). The parsers are pure and tested against captured output; `listDevices` runs ffmpeg.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { Device } from '../contract/media';

export const testPatternDevice: Device = { id: 'test', name: 'Test pattern (no camera)', kind: 'camera' };

/** `ffmpeg -list_devices true -f dshow -i dummy` (both the ≥5.0 "(video)" form and the older headings). */
export function parseDshow(stderr: string): Device[] {
  const out: Device[] = [];
  let section: 'camera' | 'microphone' | null = null;
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.replace(/^\[[^\]]+\]\s?/, '');
    if (/DirectShow video devices/i.test(line)) section = 'camera';
    else if (/DirectShow audio devices/i.test(line)) section = 'microphone';
    if (/Alternative name/i.test(line)) continue;
    const m = /^\s*"(.+)"\s*(?:\(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    const kinds = m[2] ?? null;
    if (kinds !== null) {
      if (/video/.test(kinds)) out.push({ id: `dshow:${name}`, name, kind: 'camera' });
      if (/audio/.test(kinds)) out.push({ id: `dshow:${name}`, name, kind: 'microphone' });
    } else if (section) out.push({ id: `dshow:${name}`, name, kind: section });
  }
  return out;
}

/** `ffmpeg -f avfoundation -list_devices true -i ""`: "Capture screen N" entries are screens. */
export function parseAvfoundation(stderr: string): Device[] {
  const out: Device[] = [];
  let section: 'video' | 'audio' | null = null;
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.replace(/^\[[^\]]+\]\s?/, '');
    if (/AVFoundation video devices/i.test(line)) section = 'video';
    else if (/AVFoundation audio devices/i.test(line)) section = 'audio';
    const m = /^\[(\d+)\]\s+(.+?)\s*$/.exec(line);
    if (!m || !section) continue;
    const index = m[1] as string;
    const name = m[2] as string;
    if (section === 'audio') out.push({ id: `avfoundation:${index}`, name, kind: 'microphone' });
    else if (/^Capture screen \d+/i.test(name)) out.push({ id: `screen:${index}`, name, kind: 'screen' });
    else out.push({ id: `avfoundation:${index}`, name, kind: 'camera' });
  }
  return out;
}

/** `ffmpeg -f v4l2 -list_formats all -i /dev/videoN`: a capture node lists at least one Raw or Compressed format. */
export function parseV4l2Formats(stderr: string): { raw: string[]; compressed: string[] } {
  const raw: string[] = [];
  const compressed: string[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const m = /\]\s*(Raw|Compressed)\s*:\s*(\S+)\s*:/.exec(line);
    if (!m) continue;
    (m[1] === 'Raw' ? raw : compressed).push(m[2] as string);
  }
  return { raw, compressed };
}

/** `ffmpeg -sources pulse` / `-sources alsa`: "* name [description]", the star marks the default. */
export function parseSources(stdout: string, backend: 'pulse' | 'alsa'): Device[] {
  const out: Device[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*(\*)?\s*(\S+)\s+\[(.+)\]\s*$/.exec(line);
    if (!m) continue;
    const name = m[2] as string;
    if (backend === 'pulse' && name.endsWith('.monitor')) continue; // the speakers' monitor, not a microphone
    out.push({ id: `${backend}:${name}`, name: m[3] as string, kind: 'microphone' });
  }
  return out;
}

function run(ffmpeg: string, args: string[], timeoutMs = 8000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: timeoutMs, windowsHide: true }, (_err, stdout, stderr) =>
      resolve({ stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

export async function listDevices(ffmpeg: string, platform: NodeJS.Platform = process.platform): Promise<Device[]> {
  const devices: Device[] = [];
  if (platform === 'win32') {
    devices.push(
      ...parseDshow(
        (await run(ffmpeg, ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'])).stderr,
      ),
    );
    devices.push({ id: 'screen:desktop', name: 'Desktop', kind: 'screen' });
  } else if (platform === 'darwin') {
    devices.push(
      ...parseAvfoundation(
        (await run(ffmpeg, ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', ''])).stderr,
      ),
    );
  } else {
    const nodes = (await readdir('/dev').catch(() => [] as string[])).filter((n) => /^video\d+$/.test(n)).sort();
    for (const node of nodes) {
      const formats = parseV4l2Formats(
        (await run(ffmpeg, ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', `/dev/${node}`])).stderr,
      );
      if (formats.raw.length + formats.compressed.length === 0) continue; // a metadata node, not a camera
      const name = (await readFile(`/sys/class/video4linux/${node}/name`, 'utf8').catch(() => node)).trim();
      devices.push({ id: `v4l2:/dev/${node}`, name, kind: 'camera' });
    }
    devices.push(...parseSources((await run(ffmpeg, ['-hide_banner', '-sources', 'pulse'])).stdout, 'pulse'));
    if (!devices.some((d) => d.kind === 'microphone'))
      devices.push(...parseSources((await run(ffmpeg, ['-hide_banner', '-sources', 'alsa'])).stdout, 'alsa'));
    if (process.env.DISPLAY)
      devices.push({ id: `screen:${process.env.DISPLAY}`, name: `Screen ${process.env.DISPLAY}`, kind: 'screen' });
  }
  if (!devices.some((d) => d.kind === 'camera')) devices.unshift(testPatternDevice);
  else devices.push(testPatternDevice);
  return devices;
}
