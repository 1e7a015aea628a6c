// The smallest real media for a session test: one ffmpeg pushing a lavfi test pattern to the URL it is given.
import { spawn, type ChildProcess } from 'node:child_process';
import type { BroadcastMedia, MediaStatsSample } from '../main/session/broadcastMedia';
import { defaultFfmpegLocation } from '../main/system';
import { lavfiPushArgs } from './lavfiPushArgs';

export class FfmpegPushMedia implements BroadcastMedia {
  private proc: ChildProcess | null = null;
  private listeners = new Set<(s: MediaStatsSample) => void>();
  private timer: NodeJS.Timeout | null = null;
  pushedTo: string | null = null;
  tamper: ((url: string) => string) | null = null;
  async startPush(given: string): Promise<void> {
    const url = this.tamper ? this.tamper(given) : given;
    const ffmpeg = defaultFfmpegLocation();
    if (!ffmpeg.found) throw new Error('no ffmpeg');
    this.pushedTo = url;
    this.proc = spawn(
      ffmpeg.path,
      lavfiPushArgs(url, {
        video: 'testsrc2=size=320x180:rate=15',
        audio: 'sine=frequency=440',
        gop: 30,
        videoBitrate: '300k',
        yuv420p: false,
      }),
      { stdio: 'ignore' },
    );
    const proc = this.proc;
    const since = Date.now();
    // Honest enough: connected once ffmpeg has kept publishing for a second (a refused publish exits at once).
    this.timer = setInterval(() => {
      const state = proc.exitCode !== null ? 'down' : Date.now() - since > 1000 ? 'connected' : 'connecting';
      for (const l of this.listeners)
        l({ fps: 15, bitrateKbps: 364, droppedFrames: 0, speed: 1, cpuPercent: 10, push: { state, attempt: 0 } });
    }, 200);
  }
  async stopPush(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const p = this.proc;
    this.proc = null;
    if (p && p.exitCode === null) await new Promise<void>((done) => (p.once('exit', () => done()), p.kill('SIGTERM')));
  }
  startRecording = () => Promise.resolve();
  stopRecording = () => Promise.resolve([]);
  isRecording = () => false;
  recordingFiles = () => [];
  setMicMuted = () => Promise.resolve();
  setCameraOff = () => Promise.resolve();
  onStats(l: (s: MediaStatsSample) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  repair = (paths: string[]) => Promise.resolve(paths.map((path) => ({ path, sizeBytes: 0, playable: false })));
}
