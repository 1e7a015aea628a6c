// Tencent Cloud Live's live-picture moderation callback (event_type 317, "直播画面审核事件通知"): checked like
// every Cloud Live callback (t = expiry in unix seconds, sign = md5(callbackKey + t)) and turned into a room
// safety state. Its documented fields: streamId, channelId, img, type[] (labels by priority), score[],
// suggestion (Block / Review / Pass), label, ocrMsg, plus legacy ones (pornScore, …) kept for old clients.
import { z } from 'zod';
import { refusals, type Words } from '../http/refusals';
import { verifyCallbackSign } from '../ingest/pushSign';
import type { RoomSafetyLevel } from './safetyBoard';

export const MODERATION_EVENT_TYPE = 317;

export const moderationCallbackSchema = z.looseObject({
  t: z.union([z.number(), z.string()]),
  sign: z.string(),
  event_type: z.literal(MODERATION_EVENT_TYPE),
  streamId: z.string().max(200).optional(),
  stream_id: z.string().max(200).optional(),
  channelId: z.string().max(200).optional(),
  img: z.string().max(2000).optional(),
  type: z.array(z.union([z.number(), z.string()])).optional(),
  score: z.array(z.number()).optional(),
  suggestion: z.enum(['Block', 'Review', 'Pass']).optional(),
  label: z.string().max(200).optional(),
  pornScore: z.number().optional(),
});
export type ModerationCallback = z.infer<typeof moderationCallbackSchema>;

export type ModerationVerdict =
  | { ok: true; streamName: string; level: RoomSafetyLevel; className: string; score: number | null; message: string }
  | { ok: false; status: 400 | 403; reason: Words };

/** Verifies the signature and reads the verdict. Pure but for the clock. */
export function readModerationCallback(
  callbackKey: string,
  raw: unknown,
  now = Math.floor(Date.now() / 1000),
): ModerationVerdict {
  const parsed = moderationCallbackSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, reason: refusals.notModerationCallback };
  const body = parsed.data;
  const check = verifyCallbackSign(callbackKey, body.t, body.sign, now);
  if (!check.ok) return { ok: false, status: 403, reason: check.reason };
  const streamName = body.streamId ?? body.stream_id;
  if (!streamName) return { ok: false, status: 400, reason: refusals.callbackNoStream };
  const suggestion = body.suggestion ?? 'Review';
  const level: RoomSafetyLevel = suggestion === 'Block' ? 'flagged' : suggestion === 'Review' ? 'review' : 'clean';
  const label = body.label ?? String(body.type?.[0] ?? 'unknown');
  const score = body.score?.[0] ?? body.pornScore ?? null;
  return {
    ok: true,
    streamName,
    level,
    className: label.toLowerCase(),
    score: score === null ? null : score > 1 ? score / 100 : score,
    message: `Tencent Cloud Live moderation says ${suggestion} (${label}${score === null ? '' : `, score ${score}`}).`,
  };
}
