// Tencent Cloud IM error codes and kick-out types in plain words for the VJ and moderators.
import { StudioError } from '../../contract';

const words: Record<number, string> = {
  10017: 'You are muted in this room, so your message was not sent.',
  10023: 'The room is sending too many messages right now (rate limit). Wait a moment and send again.',
  80002: 'The message is too long: Tencent Cloud IM takes at most 12 KB per message.',
  80001: 'The message was refused by the room’s content filter.',
  10007: 'You do not have the right to do that in this room (owner or moderator only).',
  10004: 'Tencent Cloud IM refused the request as invalid.',
  10010: 'The room no longer exists.',
  10015: 'The room id is not valid.',
  10021: 'That room id is already taken by someone else.',
  10025: 'You already created this room.',
  70001: 'The chat sign-in (UserSig) has expired. Sign in again.',
  70003: 'The chat sign-in (UserSig) is not valid. Sign in again.',
  2025: 'Tencent Cloud IM is not signed in yet.',
  2642: 'You are not in the room yet (join it first).',
};

/** The SDK rejects with an object carrying `code` and `message`; anything else is shown as it is. */
export function tencentError(err: unknown, doing: string): StudioError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'number' ? e.code : Number(e?.code);
  const known = Number.isFinite(code) ? words[code] : undefined;
  if (known) return new StudioError('chat_error', known);
  const detail = typeof e?.message === 'string' && e.message ? e.message : String(err);
  return new StudioError('chat_error', `Tencent Cloud IM could not ${doing}${Number.isFinite(code) ? ` (code ${code})` : ''}: ${detail}`);
}

export function kickedOutWords(type: unknown): string {
  switch (type) {
    case 'multipleAccount':
      return 'This account signed in to the chat on another page, so this one was signed out.';
    case 'multipleDevice':
      return 'This account signed in to the chat on another device, so this one was signed out.';
    case 'userSigExpired':
      return 'The chat sign-in (UserSig) expired. Sign in again.';
    case 'REST_API_Kick':
      return 'The platform signed this account out of the chat.';
    default:
      return `Signed out of the chat (${String(type)}).`;
  }
}
