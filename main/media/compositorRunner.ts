// Runs compositor processes behind the frame relay. A new plan starts a new process; the relay switches to
// it on its first frame and only then is the old one killed, so the output never shows a gap (scenes that
// hold a capture device stop the old process first: a camera cannot be opened twice; the last frame holds).
// Values change through the compositor's zmq filter (on the next frame), or through ffmpeg's stdin commands
// (`c target -1 command arg`, one read every ~100 ms) where this ffmpeg has no zmq filter.
import { EventEmitter } from 'node:events';
import { LEVELS_FD, readLevels, type MeterReading } from './audioLevels';
import type { FilterCommand } from './beautyFilter';
import { JpegSplitter, PREVIEW_FD, SAFETY_FD } from './compositorPreview';
import { describeExit, type MediaError } from './ffmpegErrors';
import { FfmpegProcess, type FfmpegExit } from './ffmpegProcess';
import type { FrameRelay } from './frameRelay';
import { PrintedFrames } from './printedFrames';
import type { RelaySource } from './relaySource';
import { mixMinusFd } from './mixMinus';
import { SafetySampleReader, type SafetySample } from './safetySamples';
import type { CompositorPlan } from './sceneGraph';
import { ZmqCommandClient } from './zmqCommands';

export interface RunningCompositor {
  proc: FfmpegProcess;
  zmq: ZmqCommandClient | null;
  plan: CompositorPlan;
  src: RelaySource;
  generation: number;
  startedAt: number;
}

export interface AppliedInfo {
  generation: number;
  plan: CompositorPlan;
  requestedAt: number;
  /** Relay frame index when the change was asked for and when its first frame went to the encoder. */
  requestedFrame: number;
  appliedFrame: number;
  latencyMs: number;
}

/** A preview JPEG of the compositor on air, stamped when it arrived (its frame left the compositor). */
export interface CompositorPreviewFrame {
  jpeg: Buffer;
  width: number;
  height: number;
  capturedAt: number;
}

/**
 * The pipes a compositor writes besides stdout: audio (3), meters (4), preview (5), safety samples (6), then
 * one per guest's mix-minus.
 */
const extraPipes = (plan: CompositorPlan) => SAFETY_FD - 2 + plan.guests.length;

export class CompositorRunner extends EventEmitter<{
  applied: [AppliedInfo];
  died: [MediaError, FfmpegExit, CompositorPlan];
  levels: [MeterReading[]];
  preview: [CompositorPreviewFrame];
  /** A content-safety sample (224x224 yuv420p, a buffer of its own) of the compositor on air. */
  safetySample: [SafetySample];
  /** PCM of a guest's mix-minus (the program's sound without their voice), from the compositor on air. */
  mixMinus: [string, Buffer];
}> {
  current: RunningCompositor | null = null;
  private pending: RunningCompositor | null = null;
  /** A compositor started ahead for the next scene (studio mode): a cut to it is a relay switch. */
  private standby: {
    proc: FfmpegProcess;
    /** The one reader of its print pipe (meters and frame times). */
    printed: PrintedFrames;
    key: string;
    src: RelaySource;
    zmq: ZmqCommandClient | null;
  } | null = null;
  private generation = 0;
  restarts = 0;
  commandsSent = 0;

  constructor(
    private readonly ffmpeg: string,
    private readonly relay: FrameRelay,
  ) {
    super();
  }

  get plan(): CompositorPlan | null {
    return (this.pending ?? this.current)?.plan ?? null;
  }

  pids(): number[] {
    return [this.current?.proc.pid, this.pending?.proc.pid, this.standby?.proc.pid].filter(
      (p): p is number => typeof p === 'number',
    );
  }

  async launch(plan: CompositorPlan, exclusive: boolean): Promise<void> {
    const generation = ++this.generation;
    const requestedAt = Date.now();
    const requestedFrame = this.relay.frameIndex;
    if (this.pending) this.retire(this.pending);
    this.pending = null;
    if (exclusive && this.current) {
      const old = this.current;
      this.current = null;
      this.relay.drop(old.src);
      await this.retire(old);
      if (generation !== this.generation) return;
    }
    if (this.current || this.generation > 1) this.restarts++;
    const ready = this.standby && this.standby.key === plan.key && this.standby.proc.running ? this.standby : null;
    if (this.standby && !ready) this.dropStandby();
    this.standby = null;
    if (ready) plan = { ...plan, args: ready.proc.args, zmqPort: ready.zmq?.port ?? null };
    const proc = ready?.proc ?? new FfmpegProcess('compositor', this.ffmpeg, plan.args, extraPipes(plan));
    const printed = ready?.printed ?? PrintedFrames.read(proc.pipe(LEVELS_FD));
    const src = ready?.src ?? this.newSource(proc, printed, plan);
    const zmq = ready ? ready.zmq : plan.zmqPort ? new ZmqCommandClient(plan.zmqPort) : null;
    // Frames a standby queued while it waited are stale: keep only the newest.
    while (src.frames.length > 1) src.frames.shift();
    const run: RunningCompositor = { proc, zmq, plan, src, generation, startedAt: requestedAt };
    this.pending = run;
    const onSwitch = (switched: RelaySource, frame: number) => {
      if (switched !== src) return;
      this.relay.off('switched', onSwitch);
      const old = this.current;
      this.current = run;
      if (this.pending === run) this.pending = null;
      if (old) void this.retire(old);
      this.emit('applied', {
        generation,
        plan,
        requestedAt,
        requestedFrame,
        appliedFrame: frame,
        latencyMs: Date.now() - requestedAt,
      });
    };
    this.relay.on('switched', onSwitch);
    this.relay.use(src);
    // The audio meters of the compositor on air, about ten times a second.
    const stopLevels = readLevels(printed, plan.meters, (levels) => {
      if (this.current === run) this.emit('levels', levels);
    });
    const stopPreview = this.readPreview(run);
    const stopSafety = this.readSafetySamples(run);
    if (!ready) this.readMixMinus(proc, plan);
    proc.on('exit', (exit) => {
      stopLevels();
      stopPreview();
      stopSafety();
      this.relay.off('switched', onSwitch);
      zmq?.close();
      if (exit.requested) return;
      this.relay.drop(src);
      if (this.current === run) this.current = null;
      if (this.pending === run) this.pending = null;
      this.emit('died', describeExit(exit.lastLines, 'The compositor stopped.'), exit, plan);
    });
  }

  private retire(run: RunningCompositor): Promise<void> {
    this.relay.drop(run.src);
    run.src.removeAllListeners();
    run.zmq?.close();
    return run.proc.stop(800, 'kill').then(() => undefined);
  }

  /** Starts the compositor of a scene about to be shown; it idles, blocked on its pipe, until used. */
  prepare(plan: CompositorPlan): void {
    if (this.standby?.key === plan.key && this.standby.proc.running) return;
    this.dropStandby();
    const proc = new FfmpegProcess('compositor', this.ffmpeg, plan.args, extraPipes(plan));
    this.readMixMinus(proc, plan);
    const printed = PrintedFrames.read(proc.pipe(LEVELS_FD));
    this.standby = {
      proc,
      printed,
      key: plan.key,
      src: this.newSource(proc, printed, plan),
      zmq: plan.zmqPort ? new ZmqCommandClient(plan.zmqPort) : null,
    };
  }

  /** The relay's source of a compositor: its frames, its sound and, when it prints them, its frames' times. */
  private newSource(proc: FfmpegProcess, printed: PrintedFrames, plan: CompositorPlan): RelaySource {
    return this.relay.newSource(proc.stdout, proc.pipe(3), plan.frameTimes ? printed : null);
  }

  private dropStandby(): void {
    this.standby?.zmq?.close();
    void this.standby?.proc.stop(500, 'kill');
    this.standby = null;
  }

  /**
   * Every mix-minus pipe is read from the start, on air or not (a pipe left unread would fill and stall the
   * compositor); only the compositor on air passes its sound on.
   */
  private readMixMinus(proc: FfmpegProcess, plan: CompositorPlan): void {
    plan.guests.forEach((guest, j) =>
      proc.pipe(mixMinusFd(j)).on('data', (pcm: Buffer) => {
        if (this.current?.proc === proc) this.emit('mixMinus', guest, pcm);
      }),
    );
  }

  /** The preview JPEGs on fd 5, passed on while this compositor is the one on air. */
  private readPreview(run: RunningCompositor): () => void {
    const plan = run.plan;
    if (!plan.preview) return () => {};
    const { width, height } = plan.preview;
    const pipe = run.proc.pipe(PREVIEW_FD);
    const splitter = new JpegSplitter();
    const onData = (chunk: Buffer) => {
      const jpegs = splitter.push(chunk);
      if (this.current !== run) return;
      const capturedAt = Date.now();
      for (const jpeg of jpegs) this.emit('preview', { jpeg, width, height, capturedAt });
    };
    pipe.on('data', onData);
    return () => pipe.off('data', onData);
  }

  /** The safety samples on fd 6, cut into frames, passed on while this compositor is the one on air. */
  private readSafetySamples(run: RunningCompositor): () => void {
    if (!run.plan.preview) return () => {};
    const pipe = run.proc.pipe(SAFETY_FD);
    const reader = new SafetySampleReader((sample) => {
      if (this.current === run) this.emit('safetySample', sample);
    });
    const onData = (chunk: Buffer) => reader.push(chunk);
    pipe.on('data', onData);
    return () => pipe.off('data', onData);
  }

  /** Sends runtime commands to the running compositor (and to one about to take over). */
  send(commands: FilterCommand[]): void {
    for (const run of [this.current, this.pending]) {
      if (!run) continue;
      for (const c of commands) {
        if (run.zmq) run.zmq.send(c.target, c.command, c.arg);
        else run.proc.send(`c${c.target} -1 ${c.command} ${c.arg}\n`);
        this.commandsSent++;
      }
    }
  }

  /** Kills a compositor that stopped delivering frames; its exit restarts it through 'died'. */
  killStalled(): void {
    this.current?.proc.kill();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.dropStandby();
    const runs = [this.current, this.pending].filter((r): r is RunningCompositor => r !== null);
    this.current = null;
    this.pending = null;
    await Promise.all(runs.map((r) => this.retire(r)));
  }
}
