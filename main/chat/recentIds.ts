// A bounded set of recently seen message ids: drops echoes of our own sends and replays after a reconnect.
import { RecentMap } from '../../common/recentMap';

export class RecentIds {
  private readonly ids: RecentMap<string, true>;
  constructor(capacity = 5000) {
    this.ids = new RecentMap(capacity);
  }

  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.set(id, true);
    return true;
  }

  clear(): void {
    this.ids.clear();
  }
}
