// Gathers chat events and hands them on as one batch at most every `intervalMs` (10 a second by default),
// whatever the inflow: the renderer gets one event per batch and SQLite one transaction per batch.
export interface Batch<T> {
  items: T[];
  revoked: string[];
}

export class Batcher<T> {
  private items: T[] = [];
  private revoked: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;

  constructor(
    private readonly flushTo: (batch: Batch<T>) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.schedule();
  }

  pushMany(items: readonly T[]): void {
    for (const i of items) this.items.push(i);
    this.schedule();
  }

  revoke(messageId: string): void {
    this.revoked.push(messageId);
    this.schedule();
  }

  /** Hands on what is waiting now (on close, and in tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.items.length && !this.revoked.length) return;
    const batch = { items: this.items, revoked: this.revoked };
    this.items = [];
    this.revoked = [];
    this.lastFlush = this.now();
    this.flushTo(batch);
  }

  close(): void {
    this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    // The first event after a quiet spell goes out almost at once; a flood waits for the next slot.
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.flush(), Math.max(wait, 5));
  }
}
