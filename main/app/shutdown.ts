// Closing the studio: its services in the reverse order of their start, each in bounded time, so that quitting never
// hangs on one service (an ffmpeg that does not answer, a server that waits on a connection) and the log names it.

export interface ShutdownLimits {
  /** A service that takes longer than this to close is named in the log with its time. */
  slowMs: number;
  /** A service that has not closed after this long is left behind (named in the log) and the next one closes. */
  limitMs: number;
}

export const SHUTDOWN_LIMITS: ShutdownLimits = { slowMs: 1000, limitMs: 10_000 };

type Close = () => Promise<void> | void;

export class ShutdownList {
  private readonly steps: { name: string; close: Close }[] = [];
  private closing: Promise<void> | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly limits: ShutdownLimits = SHUTDOWN_LIMITS,
  ) {}

  add(name: string, close: Close): void {
    this.steps.push({ name, close });
  }

  /** Closes every service once, the last added first; a second call waits for the first. */
  closeAll(): Promise<void> {
    this.closing ??= this.run();
    return this.closing;
  }

  private async run(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve()
          .then(step.close)
          .then(
            () => 'closed' as const,
            (err: unknown) => {
              this.log(`while closing ${step.name}: ${(err as Error).message}`);
              return 'failed' as const;
            },
          ),
        new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.limits.limitMs))),
      ]);
      clearTimeout(timer);
      const took = Date.now() - started;
      if (outcome === 'late')
        this.log(`${step.name} did not close in ${took} ms: the studio closes the rest without waiting for it`);
      else if (took > this.limits.slowMs) this.log(`closing ${step.name} took ${took} ms`);
    }
  }
}
