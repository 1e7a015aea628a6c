// A transition the frame relay runs between the scene going out and the scene coming in: the last frame of
// the outgoing scene is held and mixed, tick by tick, with the incoming compositor's frames (fade, slide),
// or a stinger file is decoded and drawn over them, the scene changing under it at the stinger's cut point.
// The encoder and the compositor graph never change for it.
import { EventEmitter } from 'node:events';
import type { Frame } from './relaySource';
import { FfmpegProcess } from './ffmpegProcess';
import { contiguous, fadeFrames, overlayAlpha, slideFrames, type SlideDirection } from './frameBlend';

export interface TransitionSpec {
  type: 'cut' | 'fade' | 'slide' | 'stinger';
  durationMs: number;
  direction?: SlideDirection;
  stinger?: { path: string; cutPointMs: number };
}

export interface TransitionGeometry {
  width: number;
  height: number;
  fps: number;
}

/** A running transition, asked for one output frame per relay tick until it is done. */
export interface RelayTransition {
  /** The relay's current frame comes in; the frame to encode goes out. */
  compose(incoming: Frame): Frame;
  readonly done: boolean;
  /** While true, a new compositor waiting to take over must keep waiting (a stinger before its cut). */
  readonly holdsSwitch: boolean;
  stop(): void;
}

/** Fade and slide: the outgoing frame (held) and the incoming frames, mixed over `durationMs`. */
export class MixTransition implements RelayTransition {
  private step = 0;
  private readonly steps: number;
  private readonly outgoing: Buffer;
  readonly holdsSwitch = false;

  constructor(
    private readonly spec: TransitionSpec,
    private readonly g: TransitionGeometry,
    outgoing: Frame,
  ) {
    this.steps = Math.max(1, Math.round((spec.durationMs * g.fps) / 1000));
    this.outgoing = contiguous(outgoing.slices);
  }

  get done(): boolean {
    return this.step >= this.steps;
  }

  compose(incoming: Frame): Frame {
    if (this.done) return incoming;
    this.step++;
    const p = this.step / this.steps;
    const b = contiguous(incoming.slices);
    const mixed =
      this.spec.type === 'slide'
        ? slideFrames(this.outgoing, b, this.g.width, this.g.height, p, this.spec.direction ?? 'left')
        : fadeFrames(this.outgoing, b, p);
    return { slices: [mixed], at: incoming.at };
  }

  stop(): void {
    this.step = this.steps;
  }
}

/** Decoded stinger frames are kept at most this many ahead of the program (each ~5 MB at 1080p). */
export const STINGER_READ_AHEAD = 8;

/**
 * A stinger: its file decoded to yuva420p at the program's size and rate (an opaque file decodes with full
 * alpha), drawn over the program one frame per tick. Until its cut point the relay keeps the outgoing scene on
 * air under it (a new compositor waits, commands wait); from the cut the incoming scene. It ends with its file.
 */
export class StingerTransition extends EventEmitter<{ cut: []; failed: [string] }> implements RelayTransition {
  private readonly frames: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly frameBytes: number;
  private readonly proc: FfmpegProcess;
  private readonly cutAt: number;
  private shown = 0;
  private ended = false;
  private cutDone = false;

  constructor(
    spec: TransitionSpec & { stinger: { path: string; cutPointMs: number } },
    private readonly g: TransitionGeometry,
    ffmpegPath: string,
  ) {
    super();
    this.frameBytes = g.width * g.height * 2.5;
    this.cutAt = Math.round((spec.stinger.cutPointMs * g.fps) / 1000);
    this.proc = new FfmpegProcess(
      'stinger',
      ffmpegPath,
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-protocol_whitelist', 'file'],
        ...['-i', spec.stinger.path, '-an'],
        ...['-vf', `scale=${g.width}:${g.height},fps=${g.fps},format=yuva420p`],
        ...['-f', 'rawvideo', 'pipe:1'],
      ],
      0,
    );
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.on('exit', (exit) => {
      this.ended = true;
      if (this.shown === 0 && this.frames.length === 0 && !exit.requested)
        this.emit('failed', exit.lastLines.slice(-1)[0] ?? 'The stinger file could not be read.');
    });
  }

  private onData(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.frameBytes - this.pendingBytes, chunk.length - offset);
      this.pending.push(chunk.subarray(offset, offset + take));
      this.pendingBytes += take;
      offset += take;
      if (this.pendingBytes === this.frameBytes) {
        this.frames.push(Buffer.concat(this.pending));
        this.pending = [];
        this.pendingBytes = 0;
      }
    }
    // A decoder far ahead of the program waits on its pipe instead of filling memory.
    if (this.frames.length >= STINGER_READ_AHEAD) this.proc.stdout.pause();
  }

  /** Until the cut the scene must not change under the stinger. */
  get holdsSwitch(): boolean {
    return !this.cutDone;
  }

  get done(): boolean {
    return this.ended && this.frames.length === 0 && this.cutDone;
  }

  compose(incoming: Frame): Frame {
    const top = this.frames.shift();
    if (this.frames.length < STINGER_READ_AHEAD / 2) this.proc.stdout.resume();
    // The file is still starting (or is shorter than its cut point): the program goes on as it was.
    if (!top) {
      if (this.ended) this.cut();
      return incoming;
    }
    if (++this.shown > this.cutAt) this.cut();
    return { slices: [overlayAlpha(contiguous(incoming.slices), top, this.g.width, this.g.height)], at: incoming.at };
  }

  private cut(): void {
    if (this.cutDone) return;
    this.cutDone = true;
    this.emit('cut');
  }

  stop(): void {
    this.cut();
    this.ended = true;
    this.frames.length = 0;
    void this.proc.stop(500, 'kill');
  }
}
