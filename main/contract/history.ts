// history.*: every past broadcast with its end-page figures, its time series and its recordings.
import { z } from 'zod';
import { defineCall, noInput } from './define';

export const broadcastSummarySchema = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  status: z.enum(['live', 'ended', 'interrupted']),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  durationSec: z.number(),
  peakViewers: z.number(),
  uniqueViewers: z.number(),
  likes: z.number(),
  gifts: z.number(),
  giftValue: z.number(),
  messages: z.number(),
  recordingBytes: z.number(),
});
export type BroadcastSummary = z.infer<typeof broadcastSummarySchema>;

export const broadcastReportSchema = z.object({
  broadcast: broadcastSummarySchema,
  topGifters: z.array(z.object({ userId: z.string(), nickname: z.string(), value: z.number(), gifts: z.number() })),
  samples: z.object({
    t: z.array(z.number()),
    viewers: z.array(z.number()),
    bitrateKbps: z.array(z.number()),
  }),
  recordings: z.array(z.object({ path: z.string(), sizeBytes: z.number(), exists: z.boolean() })),
});
export type BroadcastReport = z.infer<typeof broadcastReportSchema>;

export const historySortKeys = [
  'startedAt',
  'durationSec',
  'peakViewers',
  'uniqueViewers',
  'likes',
  'giftValue',
  'messages',
  'title',
] as const;

export const historyCalls = {
  'history.list': defineCall(
    z
      .object({
        sort: z.enum(historySortKeys).default('startedAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
      })
      .strict(),
    z.object({ broadcasts: z.array(broadcastSummarySchema) }),
    'Every past broadcast with its figures.',
  ),
  'history.get': defineCall(
    z.object({ id: z.string().min(1).max(64) }).strict(),
    broadcastReportSchema,
    'One broadcast: figures, charts, top gifters, recordings.',
  ),
  'history.exportCsv': defineCall(
    noInput,
    z.object({ filename: z.string(), csv: z.string() }),
    'Every past broadcast as CSV.',
  ),
} as const;
