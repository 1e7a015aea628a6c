// Sends a stream of partial changes one command at a time: while a command is in flight the changes that follow
// are merged (the latest value of each field wins) and go as one command when it answers, so a dragged slider
// never queues a backlog; and the panel keeps its own values while anything is unsent, so no echo resets it.
export class LatestWins<T extends object> {
  private inFlight = false;
  private pending: Partial<T> | null = null;

  constructor(
    private readonly send: (patch: Partial<T>) => Promise<unknown>,
    private readonly onAnswer: (error: Error | null) => void = () => {},
  ) {}

  /** True while a command is in flight or a change waits for it: the studio's state may lag the panel's. */
  get busy(): boolean {
    return this.inFlight || this.pending !== null;
  }

  push(patch: Partial<T>): void {
    this.pending = { ...this.pending, ...patch };
    if (!this.inFlight) void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const patch = this.pending;
      this.pending = null;
      this.inFlight = true;
      let error: Error | null = null;
      try {
        await this.send(patch);
      } catch (err) {
        error = err as Error;
      } finally {
        this.inFlight = false;
      }
      this.onAnswer(error);
    }
  }
}

/** The values a panel shows when the studio reports its state: its own while changes are unsent, else the studio's. */
export function shownValues<T>(panel: T, studio: T, busy: boolean): T {
  return busy ? panel : studio;
}
