// The alert queue: alerts show one at a time, each for its type's duration with a short gap between, so they
// never overlap; a pause takes the one showing off the picture and holds the rest; a skip ends the one showing
// early. Bounded: a gift storm cannot grow it without end.
import { EventEmitter } from 'node:events';
import type { Alert, AlertType } from '../contract/onstream';

/** Alerts waiting at most; more are counted as dropped (a storm of small gifts must not queue for hours). */
export const MAX_QUEUED_ALERTS = 100;
/** Clean picture between two alerts by default, so the viewer sees two (the VJ may set it longer). */
export const ALERT_GAP_MS = 250;

export interface AlertRequest {
  type: AlertType;
  text: string;
  color: string;
  durationMs: number;
  sound?: string;
  /** The sound's loudness, percent of the file's own. */
  volume?: number;
}

export type QueuedAlert = Alert & { durationMs: number; sound?: string; volume?: number };

export class AlertQueue extends EventEmitter<{ show: [QueuedAlert]; hide: [QueuedAlert]; change: [] }> {
  private readonly waiting: QueuedAlert[] = [];
  private current: QueuedAlert | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  paused = false;
  played = 0;
  dropped = 0;

  constructor(private readonly gapMs: () => number = () => ALERT_GAP_MS) {
    super();
  }

  get showing(): QueuedAlert | null {
    return this.current;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** The next alerts to show, in order (at most `count`). */
  upNext(count: number): readonly QueuedAlert[] {
    return this.waiting.slice(0, count);
  }

  /** Queues an alert; false when the queue is full (counted in `dropped`). */
  push(req: AlertRequest): boolean {
    if (this.waiting.length >= MAX_QUEUED_ALERTS) {
      this.dropped++;
      this.emit('change');
      return false;
    }
    this.waiting.push({ ...req, id: this.nextId++, at: Date.now() });
    this.emit('change');
    if (!this.current && !this.timer) this.next();
    return true;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      // The alert on screen leaves now and shows again from the start when the VJ goes on.
      const shown = this.current;
      this.current = null;
      if (shown) {
        this.waiting.unshift(shown);
        this.emit('hide', shown);
      }
    } else this.next();
    this.emit('change');
  }

  /** The alert on screen leaves now (the gap, then the next one); false when none shows. */
  skip(): boolean {
    const shown = this.current;
    if (!shown) return false;
    if (this.timer) clearTimeout(this.timer);
    this.end(shown);
    return true;
  }

  private next(): void {
    this.timer = null;
    if (this.paused || this.current) return;
    const alert = this.waiting.shift();
    if (!alert) return;
    this.current = alert;
    this.played++;
    this.emit('show', alert);
    this.emit('change');
    this.timer = setTimeout(() => this.end(alert), alert.durationMs);
  }

  private end(alert: QueuedAlert): void {
    this.current = null;
    this.emit('hide', alert);
    this.emit('change');
    this.timer = setTimeout(() => this.next(), this.gapMs());
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.length = 0;
    this.current = null;
  }
}
