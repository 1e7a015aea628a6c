// destinations.*: the platforms the one encode is pushed to beside the room's own push (Twitch, YouTube,
// Bilibili, Douyin, a custom RTMP server...). Stream keys go in and never come back out.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';
import { outputStateSchema } from './media';

/** Most destinations a VJ may keep: each is a connection and a queue of its own. */
export const MAX_DESTINATIONS = 12;
/** Most scenes with a vertical layout of their own (the others get the default one). */
export const MAX_VERTICAL_LAYOUTS = 64;
/** Most items one vertical layout places (a scene holds at most 32). */
export const MAX_VERTICAL_PLACEMENTS = 32;

const coordinate = z.number().int().min(-4000).max(4000);
const extent = z.number().int().min(2).max(4000);
/** Where one of a scene's items goes on the vertical canvas (720x1280 pixels). */
export const verticalPlacementSchema = z
  .object({
    itemId: z.string().min(1).max(64),
    rect: z.object({ x: coordinate, y: coordinate, width: extent, height: extent }).strict(),
  })
  .strict();
export type VerticalPlacementInput = z.infer<typeof verticalPlacementSchema>;

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

/**
 * What a destination is sent: the one encode ('main'), the vertical canvas, or a second encode of the
 * program at another size or bitrate (made only while a destination that needs it pushes).
 */
export const destinationEncodeSchema = z.union([
  z.literal('main'),
  z.literal('vertical'),
  z
    .object({
      width: z.number().int().min(160).max(3840).multipleOf(2),
      height: z.number().int().min(90).max(3840).multipleOf(2),
      videoKbps: z.number().int().min(200).max(20000),
    })
    .strict(),
]);
export type DestinationEncode = z.infer<typeof destinationEncodeSchema>;

/** One running encode and what it costs: the main one, the vertical canvas, or a second size or bitrate. */
export const encodeFiguresSchema = z.object({
  /** 'main', 'vertical', or '<width>x<height>@<kbps>'. */
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  videoKbps: z.number().int(),
  encoder: z.string(),
  /** Its encoder's CPU, percent of one core, over the last second. */
  cpuPercent: z.number(),
  /** Destinations pushing it. */
  destinations: z.number().int(),
  /** Program frames it skipped because it fell behind (its own, never the main encode's). */
  droppedFrames: z.number().int(),
});
export type EncodeFigures = z.infer<typeof encodeFiguresSchema>;

export const verticalStateSchema = z.object({
  /** The VJ turned the vertical canvas on: destinations that chose it push it while live. */
  on: z.boolean(),
  width: z.number().int(),
  height: z.number().int(),
  videoKbps: z.number().int(),
  /**
   * What it would cost, percent of one core: the main encoder's measured CPU scaled by the tall canvas's
   * pixels, plus the drawing of its layout. Null until the main encoder has run a second.
   */
  estimatedCpuPercent: z.number().nullable(),
});
export type VerticalState = z.infer<typeof verticalStateSchema>;

export const destinationSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  /** The ingest server, without the key. */
  server: z.string(),
  hasKey: z.boolean(),
  paused: z.boolean(),
  encode: destinationEncodeSchema,
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
  /** Every encode running, with its CPU: the main one first. */
  encodes: z.array(encodeFiguresSchema),
  vertical: verticalStateSchema,
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
    z
      .object({
        service: id,
        name: name.optional(),
        server,
        key: key.optional(),
        encode: destinationEncodeSchema.optional(),
      })
      .strict(),
    destinationSchema,
    'Add a destination; pushes at once when the room is live. The key is kept encrypted and never sent back.',
  ),
  'destinations.update': defineCall(
    z
      .object({
        id,
        name: name.optional(),
        server: server.optional(),
        key: key.optional(),
        encode: destinationEncodeSchema.optional(),
      })
      .strict(),
    destinationSchema,
    'Change a destination (a new key replaces the old one); reconnects it when live.',
  ),
  'destinations.remove': defineCall(z.object({ id }).strict(), ok, 'Stop and forget a destination and its key.'),
  'destinations.setPaused': defineCall(
    z.object({ id, paused: z.boolean() }).strict(),
    destinationSchema,
    'Pause a destination (its connection closes, the others go on) or resume it.',
  ),
  'destinations.setVerticalLayout': defineCall(
    z
      .object({
        sceneId: z.string().min(1).max(64),
        /** The scene's items placed on the tall canvas, first drawn first; null goes back to the default layout. */
        items: z.array(verticalPlacementSchema).max(MAX_VERTICAL_PLACEMENTS).nullable(),
      })
      .strict(),
    ok,
    "Lay a scene's items out for the vertical canvas (kept for the next start); items left out are not shown.",
  ),
  'destinations.setVertical': defineCall(
    z.object({ on: z.boolean() }).strict(),
    verticalStateSchema,
    'Turn the vertical canvas on or off; destinations that chose it push it while live.',
  ),
} as const;

export const destinationsEvents = {
  'destinations.state': defineEvent(destinationsStateSchema, 'A destination changed state, or once a second.'),
} as const;
