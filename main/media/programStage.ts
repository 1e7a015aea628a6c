// The program stage behind the frame relay: the one encoder process and the TS fan-out it feeds. It never
// restarts for a scene change; if the encoder dies, a new one (and a new fan-out) starts after 200 ms and
// `restarted` tells the engine to re-point the relay and re-attach the outputs. A hardware encoder that dies,
// at start or mid-show, is replaced by x264 (`fellBack`): a driver that failed once is not trusted again.
import { EventEmitter } from 'node:events';
import type { Preset } from '../contract/media';
import { encoderStageArgs, type VideoEncoderId } from './encoderCommand';
import { describeExit, type MediaError } from './ffmpegErrors';
import { FfmpegProcess } from './ffmpegProcess';
import type { RelaySink } from './frameRelay';
import { parseStatsLine } from './progressReader';
import { TsFanout } from './tsFanout';

export interface ProgramStageEvents {
  /** The encoder died and a new one runs: point the relay at `sink()` again and restart the outputs. */
  restarted: [];
  notice: [MediaError];
  /** The hardware encoder failed; x264 encodes from now on. */
  fellBack: [{ from: VideoEncoderId; error: MediaError }];
}

export class ProgramStage extends EventEmitter<ProgramStageEvents> {
  private process: FfmpegProcess | null = null;
  private stopped = false;
  /** Where the encoded TS goes; replaced with the encoder. */
  fanout: TsFanout | null = null;
  /** The encoder's own speed and bitrate, from its progress lines. */
  figures = { speed: 0, kbps: 0 };

  constructor(
    private readonly ffmpegPath: string,
    private readonly settings: { preset: Preset; encoder: VideoEncoderId; x264Preset?: string },
    /** The encoder's command; the engine's own unless a test forces a failing one. */
    private readonly stageArgs: typeof encoderStageArgs = encoderStageArgs,
  ) {
    super();
  }

  get encoder(): VideoEncoderId {
    return this.settings.encoder;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  start(): void {
    this.stopped = false;
    this.fanout = new TsFanout();
    const stage = new FfmpegProcess('encoder', this.ffmpegPath, this.stageArgs(this.settings), 1);
    this.process = stage;
    stage.stdout.on('data', (chunk: Buffer) => this.fanout?.push(chunk));
    stage.on('line', (line) => {
      const s = parseStatsLine(line);
      if (s) this.figures = { speed: s.speed, kbps: s.kbps };
    });
    stage.on('exit', (exit) => {
      if (exit.requested || this.process !== stage || this.stopped) return;
      const from = this.settings.encoder;
      const error = describeExit(exit.lastLines, 'The encoder stopped; restarting it.');
      if (from !== 'libx264') {
        this.settings.encoder = 'libx264';
        this.emit('fellBack', { from, error });
      } else this.emit('notice', error);
      setTimeout(() => {
        if (this.stopped) return;
        this.start();
        this.emit('restarted');
      }, 200);
    });
  }

  /** The encoder's inputs: raw video on stdin, raw audio on fd 3. */
  sink(): RelaySink {
    const stage = this.process as FfmpegProcess;
    return { video: stage.stdin, audio: stage.pipe(3) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const stage = this.process;
    this.process = null;
    // Both inputs end (the video on stdin, the sound on fd 3), so the encoder finishes at once instead of waiting
    // for sound that never comes until it is killed.
    if (stage?.running) stage.pipe(3).end();
    if (stage) await stage.stop(3000, 'end-input');
    this.fanout = null;
  }
}
