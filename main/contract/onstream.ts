// onstream.*: what viewers see drawn over the show from the room's platform signals: alerts (a billed gift, a
// like or viewer milestone, a co-host joining), queued one at a time, and the widgets' settings. Pure zod.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';
import { localFileRule, isLocalFilePath } from './scene';

export const alertTypes = ['gift', 'likes', 'viewers', 'cohost'] as const;
export type AlertType = (typeof alertTypes)[number];
export const alertPositions = ['top', 'center', 'bottom', 'topLeft', 'topRight', 'bottomLeft', 'bottomRight'] as const;
export type AlertPosition = (typeof alertPositions)[number];

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ff3b5c');
const localFile = z.string().min(1).max(4096).refine(isLocalFilePath, localFileRule.en);

export const alertStyleSchema = z.object({
  enabled: z.boolean(),
  durationMs: z.number().int().min(500).max(15_000),
  position: z.enum(alertPositions),
  /** A sound (wav, mp3, ogg…) mixed into the program's audio when the alert shows; none when absent. */
  sound: localFile.optional(),
  /** The sound plays only when on; turned off, its file is kept for later. */
  soundOn: z.boolean().default(true),
  /** The sound's loudness in the program, in percent of the file's own. */
  volume: z.number().int().min(0).max(100).default(80),
  /** The words drawn, literally: {nick}, {gift}, {n} are filled in (gift), {n} (milestones). */
  template: z.string().min(1).max(200),
});
export type AlertStyle = z.infer<typeof alertStyleSchema>;

/** A gift's tier by its value in coins: the highest tier whose `minValue` it reaches gives its colour. */
export const giftTierSchema = z.object({ minValue: z.number().int().min(0), color: hexColor });
export type GiftTier = z.infer<typeof giftTierSchema>;

export const alertSettingsSchema = z.object({
  styles: z.object({
    gift: alertStyleSchema,
    likes: alertStyleSchema,
    viewers: alertStyleSchema,
    cohost: alertStyleSchema,
  }),
  tiers: z.array(giftTierSchema).min(1).max(8),
  /** Colour of the milestone and co-host alerts. */
  color: hexColor,
  /** Every this many likes, and every this many viewers, an alert. */
  likeStep: z.number().int().min(1).max(1_000_000),
  viewerStep: z.number().int().min(1).max(1_000_000),
  /** Clean picture between two alerts. */
  gapMs: z.number().int().min(0).max(5000).default(250),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const defaultAlertSettings: AlertSettings = {
  styles: {
    gift: {
      enabled: true,
      durationMs: 4000,
      position: 'top',
      soundOn: true,
      volume: 80,
      template: '{nick} sent {gift} ×{n}',
    },
    likes: {
      enabled: true,
      durationMs: 3000,
      position: 'topRight',
      soundOn: true,
      volume: 80,
      template: '♥ {n} likes!',
    },
    viewers: {
      enabled: true,
      durationMs: 3000,
      position: 'topLeft',
      soundOn: true,
      volume: 80,
      template: '{n} watching!',
    },
    cohost: {
      enabled: true,
      durationMs: 3000,
      position: 'bottom',
      soundOn: true,
      volume: 80,
      template: '{nick} joined the show',
    },
  },
  tiers: [
    { minValue: 0, color: '#2f80ed' },
    { minValue: 50, color: '#9b51e0' },
    { minValue: 500, color: '#f2994a' },
  ],
  color: '#27ae60',
  likeStep: 100,
  viewerStep: 50,
  gapMs: 250,
};

export const alertSchema = z.object({
  id: z.number().int(),
  type: z.enum(alertTypes),
  text: z.string(),
  color: hexColor,
  at: z.number(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The next alerts the state lists (the queue holds up to MAX_QUEUED_ALERTS; the count says how many). */
export const MAX_LISTED_ALERTS = 5;

export const alertsStateSchema = z.object({
  settings: alertSettingsSchema,
  paused: z.boolean(),
  showing: alertSchema.nullable(),
  queued: z.number().int(),
  /** The next alerts to show, in order (the first MAX_LISTED_ALERTS of the queue). */
  upNext: z.array(alertSchema).max(MAX_LISTED_ALERTS),
  played: z.number().int(),
  /** Alerts left out because the queue was full. */
  dropped: z.number().int(),
});
export type AlertsState = z.infer<typeof alertsStateSchema>;

export const onstreamCalls = {
  'onstream.alerts': defineCall(noInput, alertsStateSchema, 'Alert settings, whether paused, what shows and waits.'),
  'onstream.setAlertSettings': defineCall(
    alertSettingsSchema.partial().strict(),
    alertsStateSchema,
    'Change alert settings (kept with the current scene profile).',
  ),
  'onstream.testAlert': defineCall(
    z.object({ type: z.enum(alertTypes) }).strict(),
    ok,
    'Queue a sample alert of this type (the settings screen’s test button).',
  ),
  'onstream.setPaused': defineCall(
    z.object({ paused: z.boolean() }).strict(),
    alertsStateSchema,
    'Pause alerts for a clean picture (the one showing leaves, the queue waits), or go on.',
  ),
  'onstream.skipAlert': defineCall(
    noInput,
    alertsStateSchema,
    'The alert on screen leaves now; the next in the queue follows after the gap.',
  ),
} as const;

export const onstreamEvents = {
  'onstream.alerts': defineEvent(alertsStateSchema, 'An alert showed or left, the queue or the settings changed.'),
} as const;
