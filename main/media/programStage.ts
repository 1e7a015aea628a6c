// The program stage behind the frame relay: the one encoder process and the TS fan-out it feeds. It never
// restarts for a scene change; if the encoder dies, a new one (and a new fan-out) starts after 200 ms and
// `restarted` tells the engine to re-point the relay and re-attach the outputs.
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
  ) {
    super();
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  start(): void {
    this.stopped = false;
    this.fanout = new TsFanout();
    const stage = new FfmpegProcess('encoder', this.ffmpegPath, encoderStageArgs(this.settings), 1);
    this.process = stage;
    stage.stdout.on('data', (chunk: Buffer) => this.fanout?.push(chunk));
    stage.on('line', (line) => {
      const s = parseStatsLine(line);
      if (s) this.figures = { speed: s.speed, kbps: s.kbps };
    });
    stage.on('exit', (exit) => {
      if (exit.requested || this.process !== stage || this.stopped) return;
      this.emit('notice', describeExit(exit.lastLines, 'The encoder stopped; restarting it.'));
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
    if (stage) await stage.stop(3000, 'end-input');
    this.fanout = null;
  }
}
