// destinations.*: the platforms the one encode is pushed to beside the room's own push (Twitch, YouTube,
// Bilibili, Douyin, a custom RTMP server...). Stream keys go in and never come back out.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';
import { outputStateSchema } from './media';

/** Most destinations a VJ may keep: each is a connection and a queue of its own. */
export const MAX_DESTINATIONS = 12;

const wordsSchema = z.object({ en: z.string(), zh: z.string() });

export const destinationServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** fixed: pick one of the service's servers, fill the key; perShow: the service hands out both per show. */
  kind: z.enum(['fixed', 'perShow', 'custom']),
  servers: z.array(z.object({ url: z.string(), name: wordsSchema })),
  words: z.object({ server: wordsSchema, key: wordsSchema, help: wordsSchema }),
});
export type DestinationService = z.infer<typeof destinationServiceSchema>;

export const destinationSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  /** The ingest server, without the key. */
  server: z.string(),
  hasKey: z.boolean(),
  paused: z.boolean(),
  output: outputStateSchema,
  /** Video frames dropped to the next keyframe because this destination's network fell behind. */
  droppedFrames: z.number().int(),
});
export type Destination = z.infer<typeof destinationSchema>;

export const destinationsStateSchema = z.object({
  /** Destinations push while the room's own push is on. */
  live: z.boolean(),
  /** MAX_DESTINATIONS, for the panel to say how many more it takes. */
  max: z.number().int(),
  destinations: z.array(destinationSchema),
});
export type DestinationsState = z.infer<typeof destinationsStateSchema>;

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(80);
const server = z
  .string()
  .trim()
  .regex(/^rtmps?:\/\/[^\s/]+\/\S+$/, 'an rtmp:// or rtmps:// server address with an app, as in rtmp://host/live')
  .max(1000);
// Keys are opaque to the studio (Bilibili's starts with "?streamname="), but never hold spaces or control bytes.
const key = z
  .string()
  .trim()
  .regex(/^[^\s\p{Cc}]+$/u, 'a stream key without spaces')
  .max(1000);

export const destinationsCalls = {
  'destinations.services': defineCall(
    noInput,
    z.object({ services: z.array(destinationServiceSchema) }),
    'The streaming services with their servers and their own words for server and key.',
  ),
  'destinations.list': defineCall(noInput, destinationsStateSchema, 'Every destination with its state (no keys).'),
  'destinations.add': defineCall(
    z.object({ service: id, name: name.optional(), server, key: key.optional() }).strict(),
    destinationSchema,
    'Add a destination; pushes at once when the room is live. The key is kept encrypted and never sent back.',
  ),
  'destinations.update': defineCall(
    z.object({ id, name: name.optional(), server: server.optional(), key: key.optional() }).strict(),
    destinationSchema,
    'Change a destination (a new key replaces the old one); reconnects it when live.',
  ),
  'destinations.remove': defineCall(z.object({ id }).strict(), ok, 'Stop and forget a destination and its key.'),
  'destinations.setPaused': defineCall(
    z.object({ id, paused: z.boolean() }).strict(),
    destinationSchema,
    'Pause a destination (its connection closes, the others go on) or resume it.',
  ),
} as const;

export const destinationsEvents = {
  'destinations.state': defineEvent(destinationsStateSchema, 'A destination changed state, or once a second.'),
} as const;
