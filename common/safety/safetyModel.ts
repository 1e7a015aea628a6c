// Content safety's vocabulary, shared by the studio and the platform: the classes, scores, policy and flags the
// classifier and the policy speak. Pure zod, runs anywhere; the studio API's safety calls are built on it.
import { z } from 'zod';

/** The nsfwjs classes a policy acts on. Drawing and Neutral are safe by definition and never act. */
export const safetyClasses = ['porn', 'hentai', 'sexy'] as const;
export type SafetyClass = (typeof safetyClasses)[number];

/** What happens once a class stays over its threshold: ordered from mildest to strongest. */
export const safetyActions = ['notify', 'blur', 'slate', 'removeGuest'] as const;
export type SafetyAction = (typeof safetyActions)[number];

export const safetyMasks = ['none', 'blur', 'slate'] as const;
export type SafetyMask = (typeof safetyMasks)[number];

export const classRuleSchema = z.object({
  threshold: z.number().min(0.05).max(1),
  action: z.enum(safetyActions),
});
export type ClassRule = z.infer<typeof classRuleSchema>;

/**
 * One sample every 2.5 s: with N = 2 an explicit picture is acted on 2.5–5 s after it appears (plus one verdict,
 * ~40 ms beside a 1080p30 broadcast), and with M = 3 a mask lifts 7.5 s after the picture is clean. At this rate
 * the classifier costs under 0.02 of one core (bench:safety); one sample every 2 s would cost a quarter more.
 */
export const defaultSafetyPolicy = {
  enabled: true,
  intervalMs: 2500,
  consecutiveToAct: 2,
  cleanToLift: 3,
  sampleGuests: true,
  rules: {
    porn: { threshold: 0.7, action: 'slate' },
    hentai: { threshold: 0.7, action: 'blur' },
    sexy: { threshold: 0.85, action: 'notify' },
  },
} as const;

export const safetyPolicySchema = z.object({
  enabled: z.boolean(),
  /** One sample of each source every this many milliseconds. */
  intervalMs: z.number().int().min(500).max(60_000),
  /** N: consecutive samples over a threshold before anything happens, so one odd frame never blanks a show. */
  consecutiveToAct: z.number().int().min(1).max(20),
  /** M: consecutive clean samples before an action lifts. */
  cleanToLift: z.number().int().min(1).max(50),
  sampleGuests: z.boolean(),
  rules: z.object({ porn: classRuleSchema, hentai: classRuleSchema, sexy: classRuleSchema }),
});
export type SafetyPolicy = z.infer<typeof safetyPolicySchema>;

/** Scores per nsfwjs class, each 0..1 (they sum to about 1). */
export const safetyScoresSchema = z.object({
  drawing: z.number(),
  hentai: z.number(),
  neutral: z.number(),
  porn: z.number(),
  sexy: z.number(),
});
export type SafetyScores = z.infer<typeof safetyScoresSchema>;

/** A sampled source: the composed output, or one co-host guest's incoming stream. */
export const safetySourceSchema = z.object({
  kind: z.enum(['program', 'guest']),
  guestUserId: z.string().max(200).optional(),
});
export type SafetySource = z.infer<typeof safetySourceSchema>;

export const activeFlagSchema = z.object({
  sourceId: z.string(),
  source: safetySourceSchema,
  className: z.enum(safetyClasses),
  score: z.number(),
  action: z.enum(safetyActions),
  since: z.number(),
  overridden: z.boolean(),
});
export type ActiveFlag = z.infer<typeof activeFlagSchema>;

export const classifierStatusSchema = z.object({
  status: z.enum(['off', 'loading', 'ready', 'failed', 'restarting']),
  message: z.string().optional(),
  restarts: z.number().int(),
});
export type ClassifierStatus = z.infer<typeof classifierStatusSchema>;
