// safety.*: content-safety policy, state, the event log and the VJ's override. Pure zod, runs anywhere.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';

import {
  activeFlagSchema,
  classifierStatusSchema,
  safetyActions,
  safetyClasses,
  safetyMasks,
  safetyPolicySchema,
  safetySourceSchema,
} from '../../common/safety/safetyModel';

export {
  safetyClasses,
  safetyActions,
  safetyMasks,
  classRuleSchema,
  defaultSafetyPolicy,
  safetyPolicySchema,
  safetyScoresSchema,
  safetySourceSchema,
  activeFlagSchema,
  classifierStatusSchema,
  type SafetyClass,
  type SafetyAction,
  type SafetyMask,
  type ClassRule,
  type SafetyPolicy,
  type SafetyScores,
  type SafetySource,
  type ActiveFlag,
  type ClassifierStatus,
} from '../../common/safety/safetyModel';

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
