// Cloud mode's live figures from the room's chat lines: messages, and likes and gifts as the platform announced
// them (the chat adapter turns a gift or like signal into a line only when the IM admin sent it).
import type { ChatItem } from '../contract/chat';
import { addGift, addLike, type Tally } from './roomTally';

interface Announced {
  type?: string;
  count?: number;
  total?: number;
  value?: number;
  name?: string;
  from?: { userId?: string; nickname?: string };
}

function announced(item: ChatItem): Announced | null {
  if (!item.data) return null;
  try {
    const d = JSON.parse(item.data) as unknown;
    return typeof d === 'object' && d !== null ? (d as Announced) : null;
  } catch {
    return null;
  }
}

/** Folds a batch of feed lines into the tally; true when a figure changed. Pure, tested without a room. */
export function applyChatItems(t: Tally, items: readonly ChatItem[]): boolean {
  let changed = false;
  for (const item of items) {
    if (item.kind === 'text') {
      t.messages++;
      changed = true;
      continue;
    }
    const d = item.kind === 'gift' || item.kind === 'system' ? announced(item) : null;
    if (d?.type === 'like' && item.kind === 'system') {
      addLike(t, d);
      changed = true;
    } else if (d?.type === 'gift' && item.kind === 'gift') {
      addGift(t, d, item.userId);
      changed = true;
    }
  }
  return changed;
}
