// Proves a hand-written reader of a frame against the zod schema it stands in for, on a corpus of frames.
import { expect } from 'vitest';
import type { z } from 'zod';

/**
 * For every frame the cheap reader answers, the schema accepts it and parses it to the same value; returns how
 * many it answered, so a test can show the usual frames do take the cheap way.
 */
export function answeredAsTheSchemaWould(
  corpus: readonly unknown[],
  cheap: (raw: unknown) => unknown,
  schema: z.ZodType,
): number {
  let taken = 0;
  for (const raw of corpus) {
    const read = cheap(raw);
    if (read === null) continue;
    taken++;
    const parsed = schema.safeParse(raw);
    expect(parsed.success, JSON.stringify(raw)).toBe(true);
    expect(read).toEqual(parsed.data);
  }
  return taken;
}
