// What the chat feed says in its own name: its status when no room is open, a moderation act as a feed line,
// and why a call cannot be served.
import { StudioError } from '../contract';
import type { ChatItem, ChatStatus, ModerationEntry } from '../contract/chat';
import { refusalWords } from '../contract/refusalWords';

const words = refusalWords.feed;

export function disconnectedStatus(): ChatStatus {
  return {
    state: 'disconnected',
    reason: null,
    mode: null,
    userId: null,
    roomId: null,
    role: null,
    online: null,
    slowModeSeconds: 0,
    muteAll: false,
    pinned: null,
  };
}

/** A moderation act (ours, or the auto filter's) as the line the feed shows for it. */
export function moderationItem(e: ModerationEntry): ChatItem {
  const parts = [e.action, e.targetUser, e.detail].filter(Boolean);
  return {
    id: `mod-${e.id}-${e.at}`,
    roomId: e.roomId,
    kind: 'moderation',
    userId: e.actor,
    nick: e.actor,
    text: parts.join(' '),
    at: e.at,
    moderation: {
      action: e.action,
      actor: e.actor,
      target: e.targetUser ?? e.targetMessage ?? undefined,
      detail: e.detail ?? undefined,
    },
  };
}

export function notConnected(status: ChatStatus): StudioError {
  return new StudioError(
    'unavailable',
    status.state === 'kicked' ? words.kickedOut(status.reason) : words.notConnected,
  );
}

export function noRoomOpen(): StudioError {
  return new StudioError('unavailable', words.noRoomOpen);
}
