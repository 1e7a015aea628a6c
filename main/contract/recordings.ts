// recordings.*: the files the studio recorded: list, delete, reveal, export with progress.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';

export const recordingSchema = z.object({
  name: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
  durationSec: z.number().nullable(),
  createdAt: z.number(),
  /** A small JPEG as a data: URL, or null when none could be made. */
  thumbnail: z.string().nullable(),
  repaired: z.boolean(),
});
export type Recording = z.infer<typeof recordingSchema>;

const fileName = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[^/\\]+$/, 'a file name, not a path');

export const recordingsCalls = {
  'recordings.list': defineCall(
    noInput,
    z.object({ folder: z.string(), recordings: z.array(recordingSchema) }),
    'Recorded files, newest first.',
  ),
  'recordings.delete': defineCall(z.object({ name: fileName }).strict(), ok, 'Delete one recording.'),
  'recordings.reveal': defineCall(
    z.object({ name: fileName }).strict(),
    z.object({ path: z.string() }),
    'The full path of a recording, to show it in its folder.',
  ),
  'recordings.export': defineCall(
    z.object({ name: fileName }).strict(),
    z.object({ jobId: z.string() }),
    'Remux a recording into a regular MP4 (fast start); progress comes as events.',
  ),
} as const;

export const recordingsEvents = {
  'recordings.progress': defineEvent(
    z.object({
      jobId: z.string(),
      name: z.string(),
      fraction: z.number(),
      done: z.boolean(),
      output: z.string().nullable(),
      error: z.string().nullable(),
    }),
    'Progress of an export.',
  ),
} as const;
