// One moderation act carried out on the chat service, and what the feed remembers of it (mutes, moderators, the
// room's settings); the feed logs it with the target and detail this answers.
import { StudioError } from '../contract';
import type { ChatItem, ChatStatus, ModerateInput, ModerationEntry } from '../contract/chat';
import { refusalWords } from '../contract/refusalWords';
import type { ChatService } from './chatService';

export interface ModerationContext {
  service: ChatService;
  /** A stored message of the current room (throws when no room is open). */
  message(messageId: string): ChatItem | null;
  revokeShown(messageId: string): void;
  mutedUntil: Map<string, number>;
  moderators: Set<string>;
  saveRoom(patch: Partial<Pick<ChatStatus, 'slowModeSeconds' | 'muteAll' | 'pinned'>>): void;
}

export type ActOutcome = Pick<ModerationEntry, 'targetUser' | 'targetMessage' | 'detail'>;

export async function carryOut(input: ModerateInput, c: ModerationContext): Promise<ActOutcome> {
  const s = c.service;
  const on = (targetUser: string | null, detail: string | null = null, targetMessage: string | null = null) => ({
    targetUser,
    targetMessage,
    detail,
  });
  switch (input.action) {
    case 'revoke': {
      const targetUser = c.message(input.messageId)?.userId ?? null;
      await s.revoke(input.messageId);
      c.revokeShown(input.messageId);
      return on(targetUser, null, input.messageId);
    }
    case 'mute':
      await s.mute(input.userId, input.seconds);
      c.mutedUntil.set(input.userId, Date.now() + input.seconds * 1000);
      return on(input.userId, `${input.seconds} s`);
    case 'unmute':
      await s.unmute(input.userId);
      c.mutedUntil.delete(input.userId);
      return on(input.userId);
    case 'kick':
      await s.kick(input.userId);
      return on(input.userId);
    case 'ban':
      await s.ban(input.userId, input.seconds);
      return on(input.userId, input.seconds ? `${input.seconds} s` : 'for good');
    case 'unban':
      await s.unban(input.userId);
      return on(input.userId);
    case 'setModerator':
      await s.setModerator(input.userId, input.on);
      if (input.on) c.moderators.add(input.userId);
      else c.moderators.delete(input.userId);
      return on(input.userId, input.on ? 'on' : 'off');
    case 'slowMode':
      await s.setSlowMode(input.seconds);
      c.saveRoom({ slowModeSeconds: input.seconds });
      return on(null, `${input.seconds} s`);
    case 'muteAll':
      await s.setMuteAll(input.on);
      c.saveRoom({ muteAll: input.on });
      return on(null, input.on ? 'on' : 'off');
    case 'pin': {
      const message = input.messageId ? c.message(input.messageId) : null;
      if (input.messageId && !message) throw new StudioError('not_found', refusalWords.feed.notInLog);
      await s.pin(message);
      c.saveRoom({ pinned: message });
      return on(message?.userId ?? null, null, input.messageId);
    }
  }
}
