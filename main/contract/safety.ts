// safety.*: content-safety policy, state, the event log and the VJ's override. Pure zod, runs anywhere.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';

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
 * ~0.1 s on a quiet machine), and with M = 3 a mask lifts 7.5 s after the picture is clean. At this rate the
 * classifier costs about 0.02 of one core (bench:safety); one sample every 2 s would cost about a quarter more.
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

export const safetyStateSchema = z.object({
  classifier: classifierStatusSchema,
  mask: z.enum(safetyMasks),
  active: z.array(activeFlagSchema),
  removedGuests: z.array(z.string()),
  samples: z.number().int(),
  skipped: z.number().int(),
  lastSampleAt: z.number().nullable(),
});
export type SafetyState = z.infer<typeof safetyStateSchema>;

export const safetyEventKinds = ['alert', 'lifted', 'override', 'skipped', 'fault'] as const;
export const safetyEventSchema = z.object({
  id: z.number().int(),
  at: z.number(),
  kind: z.enum(safetyEventKinds),
  sourceId: z.string(),
  className: z.enum(safetyClasses).nullable(),
  score: z.number().nullable(),
  action: z.enum(safetyActions).nullable(),
  message: z.string(),
  /** A heavily pixelated thumbnail (16×9 blocks) as a data: URL, never a clear frame. */
  thumbnail: z.string().nullable(),
});
export type SafetyEvent = z.infer<typeof safetyEventSchema>;

export const safetyCalls = {
  'safety.getPolicy': defineCall(noInput, safetyPolicySchema, 'The content-safety policy in force.'),
  'safety.setPolicy': defineCall(
    safetyPolicySchema.strict(),
    safetyPolicySchema,
    'Replace the content-safety policy (kept in settings).',
  ),
  'safety.state': defineCall(noInput, safetyStateSchema, 'Classifier status, the output mask and every active flag.'),
  'safety.listEvents': defineCall(
    z.object({ limit: z.number().int().min(1).max(500).default(50), beforeId: z.number().int().optional() }).strict(),
    z.object({ events: z.array(safetyEventSchema) }),
    'The safety log, newest first, with pixelated thumbnails only.',
  ),
  'safety.override': defineCall(
    z.object({ sourceId: z.string().max(250).optional() }).strict(),
    safetyStateSchema,
    'The VJ overrides active flags (one source, or all): the mask lifts and the override is logged.',
  ),
} as const;

export const safetyEvents = {
  'safety.alert': defineEvent(
    z.object({ event: safetyEventSchema, source: safetySourceSchema }),
    'Something over a threshold for N samples: what, where, and what the studio did. Moderators see it too.',
  ),
  'safety.state': defineEvent(safetyStateSchema, 'The safety state changed (classifier status, mask, flags).'),
} as const;
