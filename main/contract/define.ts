// The shape every call and event of the studio API is declared with. Pure: zod only, runs anywhere.
import { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): CallSpec<I, O> {
  return { input, output, summary };
}

export function defineEvent<P extends z.ZodType>(payload: P, summary: string): EventSpec<P> {
  return { payload, summary };
}

/** Calls take no input: `{}` (an absent input is read as `{}` too). */
export const noInput = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
