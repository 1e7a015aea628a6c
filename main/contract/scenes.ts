// scenes.*: the VJ's scenes per profile, the program scene, studio mode, import/export, live figures, meters.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';
import { sceneSchema, stingerNeedsFile, transitionExtras, transitionTypeSchema } from './scene';

const id = z.string().min(1).max(64);

export const sceneTransitionSchema = z
  .object({
    type: transitionTypeSchema,
    durationMs: z.number().int().min(0).max(10_000).default(300),
    ...transitionExtras,
  })
  .refine(stingerNeedsFile.check, stingerNeedsFile.message);
export type SceneTransition = z.infer<typeof sceneTransitionSchema>;

/** The room's figures that text items with `live: true` show as {viewers}, {likes}, {latestGift}. */
export const liveFiguresSchema = z.object({
  viewers: z.number().int().min(0).nullable(),
  likes: z.number().int().min(0).nullable(),
  latestGift: z.string().max(200).nullable(),
});
export type LiveFigures = z.infer<typeof liveFiguresSchema>;

export const sceneProfileSchema = z.object({ id, name: z.string().min(1).max(200) });
export type SceneProfile = z.infer<typeof sceneProfileSchema>;

export const scenesStateSchema = z.object({
  profile: sceneProfileSchema,
  profiles: z.array(sceneProfileSchema),
  canvas: z.object({ width: z.number().int(), height: z.number().int() }),
  scenes: z.array(sceneSchema),
  /** The scene on air (in the push and the recording). */
  programSceneId: z.string().nullable(),
  /** Studio mode: the scene being edited next, shown in the second preview. */
  previewSceneId: z.string().nullable(),
  studioMode: z.boolean(),
  /** The last change of program scene, so every window can draw the same cut or fade. */
  lastTransition: z
    .object({
      type: transitionTypeSchema,
      durationMs: z.number().int(),
      fromSceneId: z.string().nullable(),
      toSceneId: z.string(),
      at: z.number(),
    })
    .nullable(),
  figures: liveFiguresSchema,
  /** Grows with every change; a window drops events older than what it has. */
  revision: z.number().int(),
});
export type ScenesState = z.infer<typeof scenesStateSchema>;

export const audioLevelSchema = z.object({
  /** An item id or an audio source id of the program scene. */
  id: z.string(),
  peakDb: z.number(),
  rmsDb: z.number(),
});
export type AudioLevel = z.infer<typeof audioLevelSchema>;

const revision = z.object({ revision: z.number().int() });

export const scenesCalls = {
  'scenes.state': defineCall(
    noInput,
    scenesStateSchema,
    'Every scene of the current profile, the program and preview scenes, studio mode and live figures.',
  ),
  'scenes.create': defineCall(
    z.object({ name: z.string().trim().min(1).max(200), copyFromId: id.optional() }).strict(),
    z.object({ scene: sceneSchema }),
    'Adds a scene (empty, or a copy of another) to the current profile.',
  ),
  'scenes.update': defineCall(
    z.object({ scene: sceneSchema }).strict(),
    revision,
    'Replaces one scene with a validated new version; the program scene changes on air within 300 ms.',
  ),
  'scenes.remove': defineCall(
    z.object({ id }).strict(),
    ok,
    'Deletes a scene (never the last one, never the one on air).',
  ),
  'scenes.reorder': defineCall(
    z.object({ ids: z.array(id).max(200) }).strict(),
    ok,
    'Sets the order of the scene list (and so of the Ctrl+1…9 hotkeys).',
  ),
  'scenes.activate': defineCall(
    z.object({ id, transition: sceneTransitionSchema.optional() }).strict(),
    revision,
    'Puts a scene on air, with a cut or a fade.',
  ),
  'scenes.setPreview': defineCall(z.object({ id }).strict(), revision, 'Studio mode: chooses the scene edited next.'),
  'scenes.setStudioMode': defineCall(
    z.object({ enabled: z.boolean() }).strict(),
    revision,
    'Turns studio mode (edit the next scene, then cut or fade to it) on or off.',
  ),
  'scenes.transition': defineCall(
    sceneTransitionSchema.strict(),
    revision,
    'Studio mode: puts the preview scene on air with a cut or a fade; the old program becomes the preview.',
  ),
  'scenes.export': defineCall(
    z.object({ ids: z.array(id).max(200).optional() }).strict(),
    z.object({ fileName: z.string(), json: z.string() }),
    'The scenes of the current profile (or the chosen ones) as a JSON file.',
  ),
  'scenes.import': defineCall(
    z.object({ json: z.string().max(900_000) }).strict(),
    z.object({ imported: z.array(z.object({ id: z.string(), name: z.string() })) }),
    'Adds the scenes of a JSON file to the current profile; a file that does not validate is refused with the reason and changes nothing.',
  ),
  'scenes.createProfile': defineCall(
    z.object({ name: z.string().trim().min(1).max(200) }).strict(),
    sceneProfileSchema,
    'Adds a profile with the default scenes and switches to it.',
  ),
  'scenes.selectProfile': defineCall(
    z.object({ id }).strict(),
    revision,
    'Switches to another profile; its program scene goes on air.',
  ),
} as const;

export const scenesEvents = {
  'scenes.changed': defineEvent(scenesStateSchema, 'The scenes, program, preview or live figures changed.'),
  'scenes.audioLevels': defineEvent(
    z.object({ at: z.number(), levels: z.array(audioLevelSchema) }),
    'Audio levels of the program scene’s sources, about ten times a second, reported by the media engine.',
  ),
} as const;
