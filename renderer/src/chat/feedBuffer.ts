// The feed's memory: the last ~500 lines (older ones stay searchable in the studio), which ones were
// revoked, and how many arrived while the reader was scrolled up. Pure, so it is unit-tested.
import type { ChatItem } from '../../../main/contract';

export const FEED_LIMIT = 500;

export interface FeedState {
  items: ChatItem[];
  revoked: ReadonlySet<string>;
  /** Lines dropped from the front by the last update (the list keeps the reader's place with it). */
  dropped: number;
  /** Arrived while paused. */
  unseen: number;
  /** Lines appended by the last update. */
  added: number;
}

export const emptyFeed: FeedState = { items: [], revoked: new Set(), dropped: 0, unseen: 0, added: 0 };

export function applyBatch(
  state: FeedState,
  items: readonly ChatItem[],
  revoked: readonly string[],
  paused: boolean,
  limit = FEED_LIMIT,
): FeedState {
  let revokedSet = state.revoked;
  if (revoked.length) {
    const next = new Set(state.revoked);
    for (const id of revoked) next.add(id);
    // Bounded like the lines themselves.
    revokedSet = next.size > limit * 4 ? new Set([...next].slice(-limit * 2)) : next;
  }
  if (!items.length) return { ...state, revoked: revokedSet, dropped: 0, added: 0 };
  const joined =
    state.items.length + items.length > limit ? [...state.items, ...items].slice(-limit) : [...state.items, ...items];
  const dropped = state.items.length + items.length - joined.length;
  return {
    items: joined,
    revoked: revokedSet,
    dropped,
    unseen: paused ? state.unseen + items.length : 0,
    added: items.length,
  };
}
