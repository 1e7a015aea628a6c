// Every destination beside the room's own push, each a PushOutput of its own on the one encode's fan-out:
// its own connection, queue, keyframe drop, state, typed reason, reconnect and figures, so one that fails,
// stalls or has its key refused never touches another. They push while the room's push is on; one can be
// added, removed, paused or resumed at any time. Keys never leave: every state, log line and notice is
// scrubbed of the key before it goes anywhere.
import { EventEmitter } from 'node:events';
import {
  MAX_DESTINATIONS,
  type Destination,
  type DestinationEncode,
  type DestinationsState,
  type VerticalPlacementInput,
  type VerticalState,
} from '../contract/destinations';
import type { OutputState } from '../contract/media';
import { PushOutput, type PushTarget } from '../media';
import { streamMetadata } from '../media/encoderCommand';
import type { AmfObject } from '../media/rtmp/amf0';
import type { TsFanout } from '../media/tsFanout';
import type { DestinationBook, DestinationRecord, NewDestination } from './destinationBook';
import { EncodePool, MAIN_ENCODE, VERTICAL_KBPS } from './encodePool';
import { VERTICAL_CANVAS } from './verticalCanvas';
import { ingestTarget, withoutKey } from './ingestTarget';

/** A destination whose server refuses its key this many times in a row stops as failed. */
export const KEY_REFUSALS_BEFORE_FAILING = 3;
const FIGURES_EVERY_MS = 1000;

export interface DestinationsServiceOptions {
  book: DestinationBook;
  /** The one encode's fan-out, while the pipeline runs. */
  fanout: () => TsFanout | null;
  /** The encodes beside it (other sizes, the vertical canvas); without them every destination gets the main one. */
  encodes?: EncodePool;
  metadata?: () => AmfObject;
  log: (line: string) => void;
  backoffMs?: number[];
  stallMs?: number;
  queueLimitBytes?: number;
}

export class DestinationsService extends EventEmitter<{ state: [DestinationsState] }> {
  private readonly pushes = new Map<string, PushOutput>();
  /** The encode each push reads. */
  private readonly pushEncode = new Map<string, string>();
  private readonly encodes: EncodePool;
  private live = false;
  private figures: NodeJS.Timeout | null = null;

  constructor(private readonly o: DestinationsServiceOptions) {
    super();
    this.encodes =
      o.encodes ??
      new EncodePool({
        ffmpegPath: () => null,
        programPreset: () => ({ id: '720p30', width: 0, height: 0, fps: 30, videoKbps: 0, audioKbps: 0 }),
        encoder: () => 'libx264',
        mainEncoderPid: () => undefined,
        mainFanout: o.fanout,
        programFrames: () => () => {},
        programScene: () => null,
      });
    this.encodes.on('restarted', (key) => {
      for (const [id, push] of this.pushes) if (this.pushEncode.get(id) === key) push.restart();
    });
    this.encodes.verticalLayouts = (sceneId) => this.o.book.verticalLayout(sceneId);
    this.encodes.on('notice', (e) => this.o.log(`destinations: ${e.source}: ${e.code}: ${e.line}`));
  }

  /** A destination pushes while live and not paused; on the vertical canvas, while that is on too. */
  private pushing(r: DestinationRecord): boolean {
    return this.live && !r.paused && (r.encode !== 'vertical' || this.o.book.verticalOn);
  }

  /** The room's push went on (every unpaused destination dials) or off (all stop). */
  setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    for (const r of this.o.book.list()) if (this.pushing(r)) this.start(r);
    if (!live) for (const id of [...this.pushes.keys()]) void this.stop(id);
    if (live && !this.figures) this.figures = setInterval(() => this.emitState(), FIGURES_EVERY_MS);
    if (!live && this.figures) clearInterval(this.figures);
    if (!live) this.figures = null;
    this.emitState();
  }

  /** The encoder restarted with a new fan-out: every destination goes on from it in its own connection. */
  encoderRestarted(): void {
    for (const [id, push] of this.pushes) if (this.pushEncode.get(id) === MAIN_ENCODE) push.restart();
  }

  /** The scene on air changed: the vertical canvas lays out its items again. */
  sceneChanged(): void {
    this.encodes.sceneChanged();
  }

  /** The VJ turns the vertical canvas on (destinations that chose it dial) or off (they stop). */
  async setVertical(on: boolean): Promise<VerticalState> {
    this.o.book.setVertical(on);
    for (const r of this.o.book.list())
      if (r.encode === 'vertical' && this.pushing(r) && !this.pushes.has(r.id)) this.start(r);
      else if (r.encode === 'vertical' && !this.pushing(r)) await this.stop(r.id);
    this.emitState();
    return this.verticalState();
  }

  /** The VJ lays a scene's items out for the tall canvas (null: back to the default); shown at once if on air. */
  setVerticalLayout(sceneId: string, items: VerticalPlacementInput[] | null): void {
    this.o.book.setVerticalLayout(sceneId, items);
    this.encodes.sceneChanged();
  }

  private verticalState(): VerticalState {
    return {
      on: this.o.book.verticalOn,
      ...VERTICAL_CANVAS,
      videoKbps: VERTICAL_KBPS,
      estimatedCpuPercent: this.encodes.verticalEstimate(),
    };
  }

  add(input: NewDestination): Destination {
    const r = this.o.book.add(input);
    if (this.pushing(r)) this.start(r);
    this.emitState();
    return this.view(r);
  }

  async update(
    id: string,
    patch: { name?: string; server?: string; key?: string; encode?: DestinationEncode },
  ): Promise<Destination> {
    const r = this.o.book.update(id, patch);
    if (this.pushing(r)) this.start(r);
    else await this.stop(id);
    this.emitState();
    return this.view(r);
  }

  async remove(id: string): Promise<void> {
    this.o.book.remove(id);
    await this.stop(id);
    this.emitState();
  }

  async setPaused(id: string, paused: boolean): Promise<Destination> {
    const r = this.o.book.setPaused(id, paused);
    if (!this.pushing(r)) await this.stop(id);
    else if (!this.pushes.has(id)) this.start(r);
    this.emitState();
    return this.view(r);
  }

  state(): DestinationsState {
    const pushing = new Map<string, number>();
    for (const key of this.pushEncode.values()) pushing.set(key, (pushing.get(key) ?? 0) + 1);
    return {
      live: this.live,
      max: MAX_DESTINATIONS,
      destinations: this.o.book.list().map((r) => this.view(r)),
      encodes: this.live ? this.encodes.figures(pushing) : [],
      vertical: this.verticalState(),
    };
  }

  /** The encodes (tests and the benchmark read their counters). */
  get encodePool(): EncodePool {
    return this.encodes;
  }

  /** The output of one destination (tests and the benchmark read its counters). */
  output(id: string): PushOutput | undefined {
    return this.pushes.get(id);
  }

  private start(r: DestinationRecord): void {
    const old = this.pushes.get(r.id);
    if (old) void old.stop();
    const key = this.encodes.keyOf(r.encode);
    const push = new PushOutput(() => this.encodes.fanoutOf(key), {
      backoffMs: this.o.backoffMs,
      stallMs: this.o.stallMs,
      queueLimitBytes: this.o.queueLimitBytes,
      metadata: key === MAIN_ENCODE ? this.o.metadata : () => streamMetadata(this.encodes.presetOf(key)),
      giveUpAfterRefusals: KEY_REFUSALS_BEFORE_FAILING,
    });
    this.pushes.set(r.id, push);
    this.pushEncode.set(r.id, key);
    this.encodes.use(new Set(this.pushEncode.values()));
    push.on('change', () => this.emitState());
    push.on('error', (e) => {
      if (this.pushes.get(r.id) !== push) return;
      this.o.log(`destination "${r.name}": ${e.code}: ${withoutKey(e.line, r.key)}`);
    });
    let target: PushTarget | string;
    try {
      target = ingestTarget(r.server, r.key);
    } catch {
      target = r.server; // the push reports the bad address in its own words
    }
    push.start(target);
  }

  private async stop(id: string): Promise<void> {
    const push = this.pushes.get(id);
    if (!push) return;
    this.pushes.delete(id);
    this.pushEncode.delete(id);
    this.encodes.use(new Set(this.pushEncode.values()));
    push.removeAllListeners();
    await push.stop();
  }

  private view(r: DestinationRecord): Destination {
    const push = this.pushes.get(r.id);
    const off: OutputState = { state: 'off', attempt: 0, detail: 'off', reason: null, kbps: 0, connects: 0 };
    const output = push ? { ...push.state, detail: withoutKey(push.state.detail, r.key) } : off;
    return {
      id: r.id,
      name: r.name,
      service: r.service,
      server: withoutKey(r.server, r.key),
      hasKey: r.key !== null,
      paused: r.paused,
      encode: r.encode,
      output,
      droppedFrames: push?.droppedFrames ?? 0,
    };
  }

  private emitState(): void {
    this.emit('state', this.state());
  }

  async close(): Promise<void> {
    if (this.figures) clearInterval(this.figures);
    this.figures = null;
    this.live = false;
    await Promise.all([...this.pushes.keys()].map((id) => this.stop(id)));
    await this.encodes.close();
  }
}
