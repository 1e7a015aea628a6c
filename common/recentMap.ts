// A bounded memory of recent keys, the oldest forgotten first, at O(1) a key: a ring of keys beside a Map.
// (Forgetting a Map's first key costs V8 a walk over every deleted slot before it, which a chat flood turns
// into most of a core.)
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly ring: (K | undefined)[];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('A RecentMap needs a capacity of at least 1.');
    this.ring = new Array<K | undefined>(capacity);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Remembers a key; a new one makes the oldest in the ring forgotten once the ring is full. */
  set(key: K, value: V): void {
    if (this.map.has(key)) {
      this.map.set(key, value);
      return;
    }
    const oldest = this.ring[this.head];
    if (oldest !== undefined) this.map.delete(oldest);
    this.ring[this.head] = key;
    this.head = (this.head + 1) % this.capacity;
    this.map.set(key, value);
  }

  /** Forgets a key now (its ring slot is reused in turn; a key set again after this may go a little early). */
  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.ring.fill(undefined);
    this.head = 0;
  }
}
