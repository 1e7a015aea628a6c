// A room's delivered messages as late joiners and moderators need them: the last HISTORY_SIZE for a join's
// history (serialized once per change, not once per join), and the recallable recent ones by id.
import type { GroupMessage } from '../../common/chatHub/protocol';
import { HISTORY_SIZE } from '../../common/chatHub/protocol';
import { RecentMap } from '../../common/recentMap';

/** Messages a moderator can still recall by id. */
export const RECALLABLE_MESSAGES = 2000;

export class RoomHistory {
  private last: GroupMessage[] = [];
  private readonly recent = new RecentMap<string, GroupMessage>(RECALLABLE_MESSAGES);
  /** The JSON of `last`, made on the first join after it changed: a join wave pays for it once. */
  private json: string | null = '[]';
  private bytes = Buffer.from('[]');
  private bytesOf = '[]';

  add(messages: readonly GroupMessage[]): void {
    for (const m of messages) {
      this.last.push(m);
      this.recent.set(m.id, m);
    }
    if (this.last.length > HISTORY_SIZE) this.last.splice(0, this.last.length - HISTORY_SIZE);
    this.json = null;
  }

  get(msgId: string): GroupMessage | undefined {
    return this.recent.get(msgId);
  }

  has(msgId: string): boolean {
    return this.recent.has(msgId);
  }

  forget(msgId: string): void {
    this.recent.delete(msgId);
    const before = this.last.length;
    this.last = this.last.filter((m) => m.id !== msgId);
    if (this.last.length !== before) this.json = null;
  }

  list(): GroupMessage[] {
    return this.last.slice();
  }

  /** The history as a JSON array, the same text JSON.stringify(list()) gives. */
  serialized(): string {
    return (this.json ??= JSON.stringify(this.last));
  }

  /** The same as UTF-8 bytes, encoded once per change: a join copies them into its answer, never re-encodes them. */
  serializedBytes(): Buffer {
    const json = this.serialized();
    if (this.bytesOf !== json) {
      this.bytes = Buffer.from(json);
      this.bytesOf = json;
    }
    return this.bytes;
  }
}
