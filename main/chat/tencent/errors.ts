// Tencent Cloud IM's failures as the studio's errors (their words in contract/words/tencentImWords.ts), and kick-outs.
import { StudioError } from '../../contract';
import { refusalWords } from '../../contract/refusalWords';
import type { TencentImStep } from '../../contract/words/tencentImWords';

const words = refusalWords.tencentIm;

/** The SDK rejects with an object carrying `code` and `message`; anything else is shown as it is. */
export function tencentError(err: unknown, doing: string): StudioError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'number' ? e.code : Number(e?.code);
  const known = Number.isFinite(code) ? refusalWords.tencentImCodes[code] : undefined;
  if (known) return new StudioError('chat_error', known);
  const detail = typeof e?.message === 'string' && e.message ? e.message : String(err);
  const coded = Number.isFinite(code) ? ` (code ${code})` : '';
  return new StudioError('chat_error', words.couldNot(doing, coded, detail));
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

/** A connecting step Tencent did not answer in time, in plain words. */
export function stepTimedOut(doing: TencentImStep, ms: number): StudioError {
  return new StudioError('chat_error', words.stepTimedOut(doing, Math.round(ms / 1000)));
}
