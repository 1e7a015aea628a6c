// Errors cross every boundary as { code, message, zh? }: the message is plain English words the UI shows as is,
// and zh, when the studio has it, the same words in Simplified Chinese for a UI shown in Chinese.
import { z } from 'zod';

export const errorCodes = [
  'invalid_input',
  'unknown_call',
  'forbidden',
  'unauthorized',
  'not_found',
  'conflict',
  'unavailable',
  'media_error',
  'platform_error',
  'chat_error',
  'internal',
] as const;

export const studioErrorSchema = z.object({ code: z.string(), message: z.string(), zh: z.string().optional() });
export type StudioErrorShape = z.infer<typeof studioErrorSchema>;

/** Words for the user: English alone, or English with its Simplified Chinese. */
export type Words = string | { en: string; zh: string };

/** Another's sentence placed inside ours ("Could not sign in: <theirs>. …"): without its own full stop. */
export function withoutFullStop(s: string): string {
  return s.replace(/[.。]\s*$/, '');
}

export class StudioError extends Error {
  /** The message in Simplified Chinese, when there is one. */
  readonly zh: string | undefined;

  constructor(
    readonly code: string,
    words: Words,
  ) {
    super(typeof words === 'string' ? words : words.en);
    this.zh = typeof words === 'string' ? undefined : words.zh;
    this.name = 'StudioError';
  }

  toJSON(): StudioErrorShape {
    return this.zh === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, zh: this.zh };
  }
}

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: StudioErrorShape };
