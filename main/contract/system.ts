// system.*: what this studio is and where its parts live.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';

export const ffmpegInfoSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    path: z.string(),
    source: z.enum(['FFMPEG_PATH', 'ffmpeg-static', 'PATH']),
    version: z.string(),
  }),
  z.object({ found: z.literal(false), message: z.string() }),
]);

export const systemInfoSchema = z.object({
  appName: z.string(),
  appVersion: z.string(),
  runtime: z.enum(['electron', 'headless']),
  platform: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  dataDir: z.string(),
  ffmpeg: ffmpegInfoSchema,
  database: z.object({ path: z.string(), schemaVersion: z.number().int() }),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const describeSchema = z.object({
  calls: z.array(z.object({ name: z.string(), summary: z.string(), input: z.unknown(), output: z.unknown() })),
  events: z.array(z.object({ name: z.string(), summary: z.string(), payload: z.unknown() })),
});

export const systemCalls = {
  'system.info': defineCall(noInput, systemInfoSchema, 'Version, runtime, ffmpeg and database of this studio.'),
  'system.describe': defineCall(
    noInput,
    describeSchema,
    'Every call and event of the studio API with its JSON Schema.',
  ),
  'system.ping': defineCall(
    z.object({ echo: z.string().max(1000).optional() }).strict(),
    z.object({ echo: z.string().optional(), at: z.number() }),
    'Round trip check.',
  ),
  'system.openLogsFolder': defineCall(
    noInput,
    z.object({ path: z.string(), opened: z.boolean() }),
    "Open the folder of the studio's logs in the system's file manager (Electron); the headless host names it.",
  ),
  'settings.get': defineCall(
    z.object({ key: z.string().min(1).max(200) }).strict(),
    z.object({ value: z.unknown() }),
    'Read one setting.',
  ),
  'settings.set': defineCall(
    z.object({ key: z.string().min(1).max(200), value: z.unknown() }).strict(),
    z.object({ ok: z.literal(true) }),
    'Write one setting.',
  ),
} as const;

export const systemEvents = {
  'system.notice': defineEvent(
    z.object({ level: z.enum(['info', 'warning', 'error']), code: z.string(), message: z.string() }),
    'A plain-words notice for the VJ (a restarted process, a lost device, a full disk).',
  ),
} as const;
