// Who spoke inside a room's slow-mode window: kept in time order and pruned from the front, so a long show does
// not keep every chatter it ever had.
export class SlowModeSpeakers {
  private readonly lastSpoke = new Map<string, number>();

  /** Unix ms until which this user must wait before speaking again under slow mode, or null. */
  waitUntil(userId: string, seconds: number, now: number): number | null {
    const last = this.lastSpoke.get(userId);
    return last !== undefined && now - last < seconds * 1000 ? last + seconds * 1000 : null;
  }

  note(userId: string, seconds: number, now: number): void {
    // Slow mode off: nobody needs remembering (a flood pays nothing here).
    if (seconds === 0) return this.lastSpoke.clear();
    this.lastSpoke.delete(userId);
    this.lastSpoke.set(userId, now);
    for (const [who, at] of this.lastSpoke) {
      if (now - at < seconds * 1000) break;
      this.lastSpoke.delete(who);
    }
  }

  get size(): number {
    return this.lastSpoke.size;
  }
}
