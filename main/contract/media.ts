// media.*: the live pipeline as the renderer sees it: devices, encoders, presets, scene, beauty, outputs, stats.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';
import { sceneSchema, stingerNeedsFile, transitionExtras, transitionTypeSchema } from './scene';

export const presetIds = ['720p30', '1080p30', '1080p60'] as const;
export const presetIdSchema = z.enum(presetIds);
export type PresetId = z.infer<typeof presetIdSchema>;

export const presetSchema = z.object({
  id: presetIdSchema,
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number().int(),
  videoKbps: z.number().int(),
  audioKbps: z.number().int(),
});
export type Preset = z.infer<typeof presetSchema>;

const level = z.number().int().min(0).max(9);
/** Tencent's beauty scale: 0 (off) to 9 (strongest). */
export const beautySchema = z.object({
  smoothing: level,
  whitening: level,
  ruddiness: level,
  sharpness: level,
  mirror: z.boolean(),
});
export type Beauty = z.infer<typeof beautySchema>;

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['camera', 'microphone', 'screen']),
});
export type Device = z.infer<typeof deviceSchema>;

export const encoderInfoSchema = z.object({ id: z.string(), name: z.string(), hardware: z.boolean() });
export type EncoderInfo = z.infer<typeof encoderInfoSchema>;

/** What stopped a source or an output, typed so the studio can say it in the VJ's language. */
export const mediaErrorCodeSchema = z.enum([
  'device_busy',
  'permission_denied',
  'device_not_found',
  'connection_refused',
  'bad_stream_key',
  'disk_full',
  'connection_lost',
  'host_not_found',
  'timeout',
  'bad_address',
  'unknown',
]);
export type MediaErrorCode = z.infer<typeof mediaErrorCodeSchema>;

export const outputStateSchema = z.object({
  state: z.enum(['off', 'starting', 'live', 'reconnecting', 'failed']),
  attempt: z.number().int(),
  /** Plain words: "reconnecting (attempt 3)", or the last error. */
  detail: z.string(),
  /** Why the output is reconnecting or failed; null while it is off, starting or live. */
  reason: mediaErrorCodeSchema.nullable(),
  kbps: z.number(),
  connects: z.number().int(),
});
export type OutputState = z.infer<typeof outputStateSchema>;

export const safetyMaskSchema = z.enum(['none', 'blur', 'slate']);
export type SafetyMask = z.infer<typeof safetyMaskSchema>;

export const mediaStatusSchema = z.object({
  running: z.boolean(),
  preset: presetSchema,
  encoder: z.string(),
  sceneId: z.string().nullable(),
  beauty: beautySchema,
  safetyMask: safetyMaskSchema,
  push: outputStateSchema.extend({ url: z.string().nullable() }),
  recording: outputStateSchema.extend({ folder: z.string(), currentFile: z.string().nullable() }),
  preview: z.boolean(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type MediaStatus = z.infer<typeof mediaStatusSchema>;

export const mediaStatsSchema = z.object({
  at: z.number(),
  fps: z.number(),
  encoderSpeed: z.number(),
  droppedFrames: z.number().int(),
  duplicatedFrames: z.number().int(),
  compositorRestarts: z.number().int(),
  cpuPercent: z.number(),
  videoKbps: z.number(),
  outputs: z.object({ push: outputStateSchema, recording: outputStateSchema }),
});
export type MediaStats = z.infer<typeof mediaStatsSchema>;

export const transitionSchema = z
  .object({ type: transitionTypeSchema, durationMs: z.number().int().min(0).max(5000), ...transitionExtras })
  .refine(stingerNeedsFile.check, stingerNeedsFile.message);

export const mediaCalls = {
  'media.devices': defineCall(
    noInput,
    z.object({ devices: z.array(deviceSchema) }),
    'Cameras, microphones and screens, as ffmpeg lists them on this OS.',
  ),
  'media.encoders': defineCall(
    noInput,
    z.object({ encoders: z.array(encoderInfoSchema) }),
    'Video encoders that a probe encode proved to work here.',
  ),
  'media.presets': defineCall(
    noInput,
    z.object({ presets: z.array(presetSchema) }),
    'Output presets with their bitrates.',
  ),
  'media.status': defineCall(noInput, mediaStatusSchema, 'What the pipeline runs now.'),
  'media.start': defineCall(
    z.object({ preset: presetIdSchema.optional(), encoder: z.string().max(64).optional() }).strict(),
    mediaStatusSchema,
    'Start the pipeline (the stage, the compositor and the preview).',
  ),
  'media.stop': defineCall(noInput, ok, 'Stop everything: outputs, compositor, stage.'),
  'media.setPreview': defineCall(
    z.object({ on: z.boolean() }).strict(),
    ok,
    'Send preview frames to this window or not.',
  ),
  'media.setScene': defineCall(
    z.object({ scene: sceneSchema, transition: transitionSchema.optional() }).strict(),
    z.object({ applied: z.enum(['commands', 'rebuild', 'unchanged']) }),
    'Show a scene: values change live, a new shape is rebuilt behind the stage.',
  ),
  'media.setBeauty': defineCall(
    beautySchema.partial().strict(),
    beautySchema,
    'Change beauty levels live (0–9) and the mirror.',
  ),
  'media.setSafetyMask': defineCall(
    z.object({ mask: safetyMaskSchema }).strict(),
    ok,
    'Blur the output or show the "right back" slate, live.',
  ),
  'media.startPush': defineCall(
    z
      .object({
        url: z
          .string()
          .regex(/^rtmps?:\/\/\S+$/, 'an rtmp:// or rtmps:// address')
          .max(2000),
      })
      .strict(),
    ok,
    'Push to an RTMP server; retries by itself.',
  ),
  'media.stopPush': defineCall(noInput, ok, 'Stop the push.'),
  'media.startRecording': defineCall(
    z.object({ segmentMinutes: z.number().min(0.05).max(720).optional() }).strict(),
    ok,
    'Record to fragmented MP4 segments.',
  ),
  'media.stopRecording': defineCall(noInput, ok, 'Stop the recording and close its file.'),
} as const;

export const mediaEvents = {
  'media.stats': defineEvent(mediaStatsSchema, 'Pipeline figures, once a second.'),
  'media.preview': defineEvent(
    z.object({ jpeg: z.string(), width: z.number().int(), height: z.number().int(), capturedAt: z.number() }),
    'A preview frame (JPEG, base64) with the time its frame left the compositor.',
  ),
  'media.state': defineEvent(mediaStatusSchema, 'The pipeline or an output changed state.'),
} as const;
