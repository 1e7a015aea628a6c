// Warns before dropped frames become visible: an encoder that falls behind realtime, or frames starting
// to drop, over the last few seconds.
export class DropWarning {
  private readonly window: { dropped: number; speed: number | null }[] = [];

  constructor(private readonly size = 5) {}

  push(dropped: number, speed: number | null): boolean {
    this.window.push({ dropped, speed });
    if (this.window.length > this.size) this.window.shift();
    const first = this.window[0];
    const last = this.window[this.window.length - 1];
    if (!first || !last) return false;
    const dropping = last.dropped > first.dropped;
    const speeds = this.window.map((w) => w.speed).filter((s): s is number => s !== null);
    const behind = speeds.length >= 3 && speeds.slice(-3).every((s) => s < 0.97);
    return dropping || behind;
  }

  reset(): void {
    this.window.length = 0;
  }
}
