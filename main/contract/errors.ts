// Errors cross every boundary as { code, message }: the message is plain words the UI shows as is.
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

export const studioErrorSchema = z.object({ code: z.string(), message: z.string() });
export type StudioErrorShape = z.infer<typeof studioErrorSchema>;

export class StudioError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }

  toJSON(): StudioErrorShape {
    return { code: this.code, message: this.message };
  }
}

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: StudioErrorShape };
