// Test and benchmark helpers that watch real media: frames pulled from an RTMP ingest with their
// timestamps, packet timestamps of recorded files (ffprobe), scene items to compose, and waiting for a
// condition. Not used by the studio itself.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { Scene, SceneItem } from '../main/contract/scene';
import { plainItem } from '../main/scenes/defaultScenes';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `check` holds, polling every 50 ms; fails naming `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A visible, unlocked, uncropped item of full opacity, named after its id. */
export function sceneItem(
  id: string,
  source: SceneItem['source'],
  rect: SceneItem['rect'],
  extra: Partial<SceneItem> = {},
): SceneItem {
  return { ...plainItem(id, id, source, rect), ...extra };
}

/** A scene of `items` over a full-canvas plain background of `color` (no tone), as tests lay one out. */
export function sceneOnBackground(
  name: string,
  color: string,
  canvas: { width: number; height: number },
  items: SceneItem[],
): Scene {
  const background = sceneItem(
    'bg',
    { kind: 'testPattern', pattern: 'color', color, tone: false },
    { x: 0, y: 0, ...canvas },
  );
  return { id: 's', name, items: [background, ...items] };
}

export interface PulledFrame {
  pts: number;
  rgb: Buffer;
  at: number;
}

export class FramePuller {
  readonly frames: PulledFrame[] = [];
  private child: ChildProcess;
  private pending: number[] = [];
  private buf: Buffer[] = [];
  private bytes = 0;
  log = '';

  constructor(
    url: string,
    readonly width: number,
    readonly height: number,
  ) {
    this.child = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'info',
        '-nostdin',
        '-copyts',
        '-fflags',
        '+nobuffer',
        '-i',
        url,
        '-vf',
        `scale=${width}:${height},showinfo,format=rgb24`,
        '-fps_mode',
        'passthrough',
        '-f',
        'rawvideo',
        'pipe:1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (d: string) => {
      this.log = (this.log + d).slice(-20000);
      for (const m of d.matchAll(/pts_time:\s*([-\d.]+)/g)) this.pending.push(Number(m[1]));
    });
    const size = width * height * 3;
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.buf.push(chunk);
      this.bytes += chunk.length;
      while (this.bytes >= size) {
        const all = Buffer.concat(this.buf);
        this.frames.push({ rgb: all.subarray(0, size), pts: this.pending.shift() ?? NaN, at: Date.now() });
        this.buf = [all.subarray(size)];
        this.bytes = all.length - size;
      }
    });
  }

  /** Mean colour of a region of a frame, as [r, g, b]. */
  static mean(frame: PulledFrame, width: number, x: number, y: number, w: number, h: number): [number, number, number] {
    let r = 0;
    let g = 0;
    let b = 0;
    for (let j = y; j < y + h; j++)
      for (let i = x; i < x + w; i++) {
        const o = (j * width + i) * 3;
        r += frame.rgb[o] as number;
        g += frame.rgb[o + 1] as number;
        b += frame.rgb[o + 2] as number;
      }
    const n = w * h;
    return [r / n, g / n, b / n];
  }

  waitFrames(n: number, timeoutMs = 20000): Promise<void> {
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.frames.length >= n) resolve();
        else if (Date.now() - start > timeoutMs)
          reject(new Error(`pulled ${this.frames.length} of ${n} frames:\n${this.log.slice(-2000)}`));
        else setTimeout(check, 100);
      };
      check();
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

export interface Packet {
  pts: number;
  duration: number;
  key: boolean;
}

export function probePackets(file: string, stream: 'v:0' | 'a:0'): Promise<Packet[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      [
        '-v',
        'error',
        '-select_streams',
        stream,
        '-show_entries',
        'packet=pts_time,duration_time,flags',
        '-of',
        'csv=p=0',
        file,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        resolve(
          String(stdout)
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => {
              const [pts, duration, flags] = l.split(',');
              return { pts: Number(pts), duration: Number(duration), key: (flags ?? '').includes('K') };
            }),
        );
      },
    );
  });
}

export function probeStreams(
  url: string,
): Promise<{ codec_name: string; codec_type: string; width?: number; height?: number }[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_name,codec_type,width,height', '-of', 'json', url],
      { timeout: 20000 },
      (err, stdout) => {
        if (err) return reject(err);
        resolve((JSON.parse(String(stdout)) as { streams: [] }).streams);
      },
    );
  });
}
