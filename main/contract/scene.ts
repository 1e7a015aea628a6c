// A scene: plain, validated data. An ordered list of items (first drawn first, last on top), each a source
// placed on a canvas of the output's size. The co-host layout is a scene too: one compositor serves both.
import { z } from 'zod';
import { sceneFile } from './words/scenesWords';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ff3b5c');

/** The rule an image or media item's path is held to, in both languages (scene import names the place). */
export const localFileRule = sceneFile.notLocalFile;

/**
 * Whether a path names a local file: no URL scheme ffmpeg would open as a protocol (a Windows drive letter is
 * not one), and no network share. ffmpeg reads these items with `-protocol_whitelist file` besides.
 */
export function isLocalFilePath(path: string): boolean {
  if (/^[a-zA-Z]:[\\/]/.test(path)) return true; // C:\clips\intro.mp4
  // ffmpeg reads a protocol from any run of these characters before a colon (http:, tcp:, concat:, pipe:, file:),
  // and from "subfile," too.
  if (/^[a-zA-Z0-9+.-]+:/.test(path) || /^subfile,/i.test(path)) return false;
  return !/^[\\/]{2}/.test(path); // \\server\share or //server/share
}

const localFilePath = z.string().min(1).max(4096).refine(isLocalFilePath, localFileRule.en);

/** How the program goes from one scene to the next: the frame relay runs it, the encoder never restarts. */
export const transitionTypeSchema = z.enum(['cut', 'fade', 'slide', 'stinger']);
/**
 * A stinger: a short video file drawn over the program (its alpha where it has one); the scene changes at its cut
 * point.
 */
export const stingerSchema = z.object({ path: localFilePath, cutPointMs: z.number().int().min(0).max(10_000) });
/** What a slide and a stinger add to a transition's type and duration. */
export const transitionExtras = {
  direction: z.enum(['left', 'right', 'up', 'down']).optional(),
  stinger: stingerSchema.optional(),
};
export const stingerNeedsFile = {
  check: (t: { type: string; stinger?: unknown }) => t.type !== 'stinger' || t.stinger !== undefined,
  message: 'A stinger transition needs its video file and cut point.',
};

/** The box and words of a widget item. */
const widgetLook = {
  textColor: hexColor.default('#ffffff'),
  background: hexColor.default('#000000'),
  backgroundOpacity: z.number().min(0).max(1).default(0.45),
};

export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('testPattern'),
    pattern: z.enum(['bars', 'testsrc2', 'color']).default('testsrc2'),
    color: hexColor.optional(),
    tone: z.boolean().default(true),
  }),
  z.object({ kind: z.literal('camera'), deviceId: z.string().min(1).max(500), beauty: z.boolean().default(true) }),
  z.object({
    kind: z.literal('screen'),
    display: z.string().max(200).default(':0'),
    region: z
      .object({
        x: z.number().int().min(0),
        y: z.number().int().min(0),
        width: z.number().int().min(16),
        height: z.number().int().min(16),
      })
      .optional(),
  }),
  z.object({ kind: z.literal('window'), title: z.string().min(1).max(500) }),
  z.object({ kind: z.literal('image'), path: localFilePath }),
  z.object({
    kind: z.literal('text'),
    text: z.string().max(2000),
    /** Live figures: {viewers}, {likes}, {latestGift} are replaced while live. */
    live: z.boolean().default(false),
    fontSize: z.number().int().min(8).max(400).default(48),
    color: hexColor.default('#ffffff'),
    background: hexColor.optional(),
    fontFile: z.string().max(4096).optional(),
  }),
  z.object({ kind: z.literal('mediaFile'), path: localFilePath, loop: z.boolean().default(true) }),
  z.object({ kind: z.literal('cohost'), guestUserId: z.string().min(1).max(200) }),
  // The chat box: the room's latest lines, names and words styled apart; blocked lines never drawn.
  z.object({
    kind: z.literal('chatOverlay'),
    lines: z.number().int().min(1).max(10).default(5),
    fontSize: z.number().int().min(8).max(200).default(28),
    ...widgetLook,
    nameColor: hexColor.default('#ffd166'),
  }),
  // Widgets with live data from the room's platform signals (main/media/widgetItems.ts).
  z.object({
    kind: z.literal('goalBar'),
    title: z.string().max(100).default('Gift goal'),
    /** Coins the show's gifts should reach. */
    target: z.number().int().min(1).max(1_000_000_000).default(1000),
    fontSize: z.number().int().min(8).max(200).default(28),
    ...widgetLook,
    fillColor: hexColor.default('#f2994a'),
  }),
  z.object({
    kind: z.literal('topGifters'),
    title: z.string().max(100).default('Top gifters'),
    count: z.number().int().min(1).max(5).default(3),
    fontSize: z.number().int().min(8).max(200).default(26),
    ...widgetLook,
    titleColor: hexColor.default('#ffd166'),
  }),
  z.object({
    kind: z.literal('viewerCount'),
    /** {n} is the number watching. */
    label: z.string().max(100).default('{n} watching'),
    fontSize: z.number().int().min(8).max(200).default(32),
    ...widgetLook,
  }),
]);
export type Source = z.infer<typeof sourceSchema>;

export const rectSchema = z.object({
  x: z.number().int().min(-10000).max(10000),
  y: z.number().int().min(-10000).max(10000),
  width: z.number().int().min(2).max(7680),
  height: z.number().int().min(2).max(4320),
});

/** How a source's sound enters the mix. Absent means: the source's own audio (if any) at 0 dB, unmuted. */
export const audioMixSchema = z.object({
  gainDb: z.number().min(-60).max(20).default(0),
  muted: z.boolean().default(false),
  /** ffmpeg noise suppression (arnndn or afftdn) on this source before the mix. */
  noiseSuppression: z.boolean().default(false),
});
export type AudioMix = z.infer<typeof audioMixSchema>;

/** A sound-only source of a scene: nothing on the canvas, only a fader in the mixer. */
export const audioSourceSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  kind: z.enum(['microphone', 'desktop', 'application']),
  /** The OS device (microphone), or the application's name; empty means the default device. */
  device: z.string().max(500).default(''),
  mix: audioMixSchema.default({ gainDb: 0, muted: false, noiseSuppression: false }),
});
export type AudioSource = z.infer<typeof audioSourceSchema>;

export const sceneItemSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  source: sourceSchema,
  rect: rectSchema,
  crop: z
    .object({
      top: z.number().int().min(0),
      right: z.number().int().min(0),
      bottom: z.number().int().min(0),
      left: z.number().int().min(0),
    })
    .default({ top: 0, right: 0, bottom: 0, left: 0 }),
  opacity: z.number().min(0).max(1).default(1),
  visible: z.boolean().default(true),
  locked: z.boolean().default(false),
  /**
   * Added for the mixer: gain, mute and noise suppression of this item's own audio (camera mic, media file, co-host).
   */
  audio: audioMixSchema.optional(),
});
export type SceneItem = z.infer<typeof sceneItemSchema>;

export const sceneSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  items: z.array(sceneItemSchema).max(32),
  /** Added for the mixer: microphone, desktop or application audio of this scene. Absent means none. */
  audio: z.array(audioSourceSchema).max(16).optional(),
});
export type Scene = z.infer<typeof sceneSchema>;
