// A bounded set of recently seen message ids: drops echoes of our own sends and replays after a reconnect.
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 5000) {}

  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }

  clear(): void {
    this.ids.clear();
  }
}
