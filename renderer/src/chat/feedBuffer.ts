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
  /** Older lines of a flood the studio stored without sending (it sends the newest 500): unseen all the same. */
  skipped = 0,
): FeedState {
  let revokedSet = state.revoked;
  if (revoked.length) {
    const next = new Set(state.revoked);
    for (const id of revoked) next.add(id);
    // Bounded like the lines themselves.
    revokedSet = next.size > limit * 4 ? new Set([...next].slice(-limit * 2)) : next;
  }
  items = notShownYet(state.items, items);
  if (!items.length)
    return { ...state, revoked: revokedSet, dropped: 0, added: 0, unseen: paused ? state.unseen + skipped : 0 };
  const joined =
    state.items.length + items.length > limit ? [...state.items, ...items].slice(-limit) : [...state.items, ...items];
  const dropped = state.items.length + items.length - joined.length;
  return {
    items: joined,
    revoked: revokedSet,
    dropped,
    unseen: paused ? state.unseen + items.length + skipped : 0,
    added: items.length,
  };
}

/**
 * Lines the feed does not show yet, each once. A feed opening while the room is busy asks for the recent
 * lines while batches already arrive: a line can come both ways (the host's "joined" line at go-live did).
 */
function notShownYet(shown: readonly ChatItem[], items: readonly ChatItem[]): readonly ChatItem[] {
  const ids = new Set<string>();
  for (const item of shown) ids.add(item.id);
  const out: ChatItem[] = [];
  for (const item of items) {
    if (ids.has(item.id)) continue;
    ids.add(item.id);
    out.push(item);
  }
  return out.length === items.length ? items : out;
}

/** The recent lines loaded when the feed opens go before the lines that arrived meanwhile, each once. */
export function mergeRecent(state: FeedState, recent: readonly ChatItem[], limit = FEED_LIMIT): FeedState {
  const older = notShownYet(state.items, recent);
  const items = [...older, ...state.items].slice(-limit);
  return { ...state, items, dropped: 0, added: older.length };
}
