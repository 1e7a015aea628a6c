// Every destination beside the room's own push, each a PushOutput of its own on the one encode's fan-out:
// its own connection, queue, keyframe drop, state, typed reason, reconnect and figures, so one that fails,
// stalls or has its key refused never touches another. They push while the room's push is on; one can be
// added, removed, paused or resumed at any time. Keys never leave: every state, log line and notice is
// scrubbed of the key before it goes anywhere.
import { EventEmitter } from 'node:events';
import { MAX_DESTINATIONS, type Destination, type DestinationsState } from '../contract/destinations';
import type { OutputState } from '../contract/media';
import { PushOutput, type PushTarget } from '../media';
import type { AmfObject } from '../media/rtmp/amf0';
import type { TsFanout } from '../media/tsFanout';
import type { DestinationBook, DestinationRecord, NewDestination } from './destinationBook';
import { ingestTarget, withoutKey } from './ingestTarget';

/** A destination whose server refuses its key this many times in a row stops as failed. */
export const KEY_REFUSALS_BEFORE_FAILING = 3;
const FIGURES_EVERY_MS = 1000;

export interface DestinationsServiceOptions {
  book: DestinationBook;
  /** The one encode's fan-out, while the pipeline runs. */
  fanout: () => TsFanout | null;
  metadata?: () => AmfObject;
  log: (line: string) => void;
  backoffMs?: number[];
  stallMs?: number;
  queueLimitBytes?: number;
}

export class DestinationsService extends EventEmitter<{ state: [DestinationsState] }> {
  private readonly pushes = new Map<string, PushOutput>();
  private live = false;
  private figures: NodeJS.Timeout | null = null;

  constructor(private readonly o: DestinationsServiceOptions) {
    super();
  }

  /** The room's push went on (every unpaused destination dials) or off (all stop). */
  setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    for (const r of this.o.book.list()) if (live && !r.paused) this.start(r);
    if (!live) for (const id of [...this.pushes.keys()]) void this.stop(id);
    if (live && !this.figures) this.figures = setInterval(() => this.emitState(), FIGURES_EVERY_MS);
    if (!live && this.figures) clearInterval(this.figures);
    if (!live) this.figures = null;
    this.emitState();
  }

  /** The encoder restarted with a new fan-out: every destination goes on from it in its own connection. */
  encoderRestarted(): void {
    for (const push of this.pushes.values()) push.restart();
  }

  add(input: NewDestination): Destination {
    const r = this.o.book.add(input);
    if (this.live) this.start(r);
    this.emitState();
    return this.view(r);
  }

  update(id: string, patch: { name?: string; server?: string; key?: string }): Destination {
    const r = this.o.book.update(id, patch);
    if (this.pushes.has(id) || (this.live && !r.paused)) this.start(r);
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
    if (paused) await this.stop(id);
    else if (this.live) this.start(r);
    this.emitState();
    return this.view(r);
  }

  state(): DestinationsState {
    return { live: this.live, max: MAX_DESTINATIONS, destinations: this.o.book.list().map((r) => this.view(r)) };
  }

  /** The output of one destination (tests and the benchmark read its counters). */
  output(id: string): PushOutput | undefined {
    return this.pushes.get(id);
  }

  private start(r: DestinationRecord): void {
    const old = this.pushes.get(r.id);
    if (old) void old.stop();
    const push = new PushOutput(this.o.fanout, {
      backoffMs: this.o.backoffMs,
      stallMs: this.o.stallMs,
      queueLimitBytes: this.o.queueLimitBytes,
      metadata: this.o.metadata,
      giveUpAfterRefusals: KEY_REFUSALS_BEFORE_FAILING,
    });
    this.pushes.set(r.id, push);
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
  }
}
