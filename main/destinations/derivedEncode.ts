// A second encode beside the one encode, made only for destinations that need another picture: another size
// or bitrate, or the vertical canvas. It takes the program's composed frames and audio as the relay hands
// them to the main encoder (no second capture, no second compositor), draws its picture with one filter
// (a scale, or the tall canvas's layout) and encodes into a fan-out of its own. The main encode never
// notices: a derived encode that falls behind drops its own frames, one that dies restarts on its own.
import { EventEmitter } from 'node:events';
import type { Preset } from '../contract/media';
import { encoderStageArgs, type EncoderStageOptions, type VideoEncoderId } from '../media/encoderCommand';
import type { MediaError } from '../media/ffmpegErrors';
import type { ProgramFrame } from '../media/mediaEngineTypes';
import { ProgramStage } from '../media/programStage';
import type { TsFanout } from '../media/tsFanout';
import { CpuMeter } from './cpuMeter';

export type ProgramFrames = (listener: (f: ProgramFrame) => void) => () => void;

/** Raw frames a derived encoder may have waiting before the next ones are dropped (its own, not the program's). */
const QUEUED_FRAMES = 4;

/** The encoder stage's command, reading frames of `input` and drawing them with `filter` before encoding. */
export function derivedEncodeArgs(o: EncoderStageOptions, input: { width: number; height: number }, filter: string) {
  const args = encoderStageArgs(o);
  const size = args.indexOf('-s');
  args[size + 1] = `${input.width}x${input.height}`;
  const vf = args.indexOf('-vf');
  // VA-API uploads in its own -vf: the picture is drawn before the upload.
  if (vf >= 0) args[vf + 1] = `${filter},${args[vf + 1]}`;
  else args.splice(args.indexOf('-c:v'), 0, '-vf', filter);
  return args;
}

export interface DerivedEncodeOptions {
  ffmpegPath: string;
  /** The picture it makes (size, frame rate as the program's, bitrates). */
  preset: Preset;
  encoder: VideoEncoderId;
  /** What it draws from a program frame of a given size. */
  filter: (input: { width: number; height: number }) => string;
  programFrames: ProgramFrames;
}

export class DerivedEncode extends EventEmitter<{ restarted: []; notice: [MediaError] }> {
  private stage: ProgramStage | null = null;
  private input: { width: number; height: number } | null = null;
  private filterText = '';
  private unsubscribe: (() => void) | null = null;
  private readonly cpu = new CpuMeter();
  /** Program frames this encode skipped because its encoder was behind. */
  dropped = 0;
  frames = 0;

  constructor(private readonly o: DerivedEncodeOptions) {
    super();
  }

  get fanout(): TsFanout | null {
    return this.stage?.fanout ?? null;
  }

  get pid(): number | undefined {
    return this.stage?.pid;
  }

  get encoder(): VideoEncoderId {
    return this.stage?.encoder ?? this.o.encoder;
  }

  get running(): boolean {
    return this.unsubscribe !== null;
  }

  /** Starts reading program frames; the encoder starts with the first one (its size is the input's). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.o.programFrames((f) => this.onFrame(f));
  }

  /** The picture's layout changed (the program's scene): a new encoder when the filter is not the same. */
  refresh(): void {
    if (this.input && this.o.filter(this.input) !== this.filterText) this.launch(this.input);
  }

  private onFrame(f: ProgramFrame): void {
    if (!this.input || f.width !== this.input.width || f.height !== this.input.height)
      this.launch({ width: f.width, height: f.height });
    const stage = this.stage;
    if (!stage || !f.audio) return;
    const sink = stage.sink();
    if (sink.video.writableLength > ((f.width * f.height * 3) / 2) * QUEUED_FRAMES) {
      this.dropped++;
      return;
    }
    sink.video.cork();
    for (const s of f.slices) sink.video.write(s);
    sink.video.uncork();
    sink.audio.write(f.audio);
    this.frames++;
  }

  private launch(input: { width: number; height: number }): void {
    void this.stage?.stop();
    this.input = input;
    this.filterText = this.o.filter(input);
    const filter = this.filterText;
    const stage = new ProgramStage(this.o.ffmpegPath, { preset: this.o.preset, encoder: this.encoder }, (s) =>
      derivedEncodeArgs(s, input, filter),
    );
    this.stage = stage;
    stage.on('notice', (e) => this.emit('notice', e));
    stage.on('fellBack', ({ error }) => this.emit('notice', error));
    stage.on('restarted', () => this.emit('restarted'));
    stage.start();
    // Pushes that published before this encoder existed, or on the one it replaces, read its fan-out now.
    this.emit('restarted');
  }

  /** Its encoder's share of one core over the last second, in percent. */
  cpuPercent(): number {
    return this.cpu.read(this.pid);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const stage = this.stage;
    this.stage = null;
    this.input = null;
    await stage?.stop();
  }
}
