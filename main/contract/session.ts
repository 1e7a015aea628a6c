// session.*: one broadcast from "go live" to the end page — room, push, heartbeat, live figures.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';
import { studioErrorSchema } from './errors';

export const connectionSchema = z.object({
  state: z.enum(['idle', 'connecting', 'connected', 'reconnecting', 'down']),
  attempt: z.number().int().min(0),
});

export const recoverySchema = z.object({
  broadcastId: z.string(),
  roomId: z.string(),
  title: z.string(),
  startedAt: z.number(),
  /** The platform still holds the room: the VJ may go live again in it. */
  roomStillLive: z.boolean(),
  recordings: z.array(z.object({ path: z.string(), sizeBytes: z.number(), playable: z.boolean() })),
});
export type Recovery = z.infer<typeof recoverySchema>;

export const sessionPhases = ['idle', 'starting', 'live', 'ending', 'ended'] as const;
export const sessionStateSchema = z.object({
  phase: z.enum(sessionPhases),
  /** While starting: which step of the seed's order is running. */
  step: z.enum(['room', 'pipeline', 'confirm']).nullable(),
  broadcastId: z.string().nullable(),
  roomId: z.string().nullable(),
  title: z.string().nullable(),
  startedAt: z.number().nullable(),
  viewerUrl: z.string().nullable(),
  recording: z.boolean(),
  micMuted: z.boolean(),
  cameraOff: z.boolean(),
  connection: connectionSchema,
  /** The last thing that failed, in plain words with what to do. */
  problem: studioErrorSchema.nullable(),
  recovery: recoverySchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const liveStatsSchema = z.object({
  broadcastId: z.string(),
  elapsedSec: z.number(),
  viewers: z.number(),
  likes: z.number(),
  gifts: z.number(),
  giftValue: z.number(),
  messages: z.number(),
  latestGift: z.string().nullable(),
  bitrateKbps: z.number(),
  fps: z.number(),
  droppedFrames: z.number(),
  /** Dropped frames are rising: warn before the viewers see it. */
  dropWarning: z.boolean(),
  cpuPercent: z.number().nullable(),
  connection: connectionSchema,
});
export type LiveStats = z.infer<typeof liveStatsSchema>;

export const bandwidthProgressSchema = z.object({
  /** 0..1 of the test's planned time. */
  fraction: z.number(),
  stage: z.number().int(),
  stages: z.number().int(),
  /** The best upload rate measured so far (kbit/s). */
  kbps: z.number(),
});

export const bandwidthResultSchema = z.object({
  /** host:port of the ingest measured (never the stream key). */
  ingest: z.string(),
  /** The best rate the ingest took in (kbit/s). */
  measuredKbps: z.number(),
  /** The ingest kept up with the fastest burst: the uplink is at least this fast. */
  capped: z.boolean(),
  rttMs: z.number(),
  seconds: z.number(),
  stages: z.array(z.object({ targetKbps: z.number(), achievedKbps: z.number() })),
  /** What a push may use, headroom left (kbit/s, video and audio together). */
  suggestedKbps: z.number(),
  /** The best preset that fits the suggestion; null when even the smallest does not. */
  presetId: z.enum(['720p30', '1080p30', '1080p60']).nullable(),
});
export type BandwidthResult = z.infer<typeof bandwidthResultSchema>;

export const sessionCalls = {
  'session.state': defineCall(
    noInput,
    sessionStateSchema,
    'The broadcast state, and a crashed broadcast to recover if any.',
  ),
  'session.goLive': defineCall(
    z
      .object({ title: z.string().trim().min(1, 'a title is needed').max(100), record: z.boolean().default(true) })
      .strict(),
    sessionStateSchema,
    'Ask the platform for a room, start the push, confirm, and keep the heartbeat.',
  ),
  'session.resume': defineCall(
    noInput,
    sessionStateSchema,
    'Go live again in the room of a broadcast the studio lost in a crash.',
  ),
  'session.dismissRecovery': defineCall(
    noInput,
    sessionStateSchema,
    'Forget the offer to go live again after a crash.',
  ),
  'session.end': defineCall(
    noInput,
    z.object({ broadcastId: z.string() }),
    'Stop the push, close the recording, end the room; the end page follows.',
  ),
  'session.startRecording': defineCall(
    noInput,
    sessionStateSchema,
    'Start recording locally, independently of the push.',
  ),
  'session.stopRecording': defineCall(noInput, sessionStateSchema, 'Stop the local recording; the push goes on.'),
  'session.setMic': defineCall(
    z.object({ muted: z.boolean() }).strict(),
    sessionStateSchema,
    'Mute or unmute the microphone.',
  ),
  'session.setCamera': defineCall(
    z.object({ off: z.boolean() }).strict(),
    sessionStateSchema,
    'Turn the camera off (a slate) or on.',
  ),
  'session.acknowledge': defineCall(noInput, sessionStateSchema, 'Back from the end page to set-up.'),
  'session.testBandwidth': defineCall(
    z
      .object({
        url: z
          .string()
          .regex(/^rtmps?:\/\/\S+$/, 'an rtmp:// address')
          .max(2000)
          .optional(),
        seconds: z.number().min(1).max(15).optional(),
      })
      .strict(),
    bandwidthResultSchema,
    'Measure the upload to the ingest (the embedded platform in local mode, the push host in cloud mode) and suggest a bitrate preset.',
  ),
} as const;

export const sessionEvents = {
  'session.state': defineEvent(sessionStateSchema, 'The broadcast state changed.'),
  'session.stats': defineEvent(liveStatsSchema, 'Live figures, once a second while live.'),
  'session.bandwidthProgress': defineEvent(
    bandwidthProgressSchema,
    'Progress of a bandwidth test, several times a second.',
  ),
} as const;
