// Scene files: export as JSON, and import only what validates completely, with the reason in plain words.
import { z } from 'zod';
import { StudioError } from '../contract/errors';
import { localFileRule, sceneSchema, type Scene } from '../contract/scene';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.sceneFile;

export const SCENE_FILE_FORMAT = 'vj-studio.scenes';
export const SCENE_FILE_VERSION = 1;

const sceneFileSchema = z.object({
  format: z.literal(SCENE_FILE_FORMAT),
  version: z.literal(SCENE_FILE_VERSION),
  exportedAt: z.string().optional(),
  scenes: z.array(sceneSchema).min(1, 'the file holds no scene').max(100),
});

export function exportSceneFile(
  profileName: string,
  scenes: Scene[],
  now = new Date(),
): { fileName: string; json: string } {
  const body = { format: SCENE_FILE_FORMAT, version: SCENE_FILE_VERSION, exportedAt: now.toISOString(), scenes };
  const safe = profileName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'scenes';
  return { fileName: `${safe}.scenes.json`, json: `${JSON.stringify(body, null, 2)}\n` };
}

function refuse(reason: BilingualWords): never {
  throw new StudioError('invalid_input', words.cannotImport(reason));
}

/** Names a place in the file the way a VJ reads it: scene 2 ("Game") › item 3 ("Logo") › rect.width. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  const parts: string[] = [];
  let node: unknown = raw;
  let rest = [...path];
  if (rest[0] === 'scenes') {
    rest = rest.slice(1);
    node = (raw as { scenes?: unknown }).scenes;
  }
  const nameOf = (v: unknown) => {
    const n = (v as { name?: unknown } | undefined)?.name;
    return typeof n === 'string' ? ` ("${n.slice(0, 40)}")` : '';
  };
  if (typeof rest[0] === 'number') {
    node = (node as unknown[] | undefined)?.[rest[0]];
    parts.push(`scene ${rest[0] + 1}${nameOf(node)}`);
    rest = rest.slice(1);
    if (rest[0] === 'items' && typeof rest[1] === 'number') {
      const it = (node as { items?: unknown[] } | undefined)?.items?.[rest[1]];
      parts.push(`item ${rest[1] + 1}${nameOf(it)}`);
      rest = rest.slice(2);
    }
  }
  if (rest.length) parts.push(rest.map(String).join('.'));
  return parts.join(' › ');
}

function duplicateItemIds(scene: Scene): string | null {
  const seen = new Set<string>();
  for (const item of scene.items) {
    if (seen.has(item.id)) return item.id;
    seen.add(item.id);
  }
  return null;
}

/** Checks a scene beyond its schema: item ids must be unique (the editor and the compositor address items by id). */
export function assertSceneConsistent(scene: Scene): void {
  const dup = duplicateItemIds(scene);
  if (dup) throw new StudioError('invalid_input', refusalWords.scenes.duplicateItemId(scene.name, dup));
}

/** Parses a scene file: our export format, a single scene, or a list of scenes. Throws the reason, in words. */
export function parseSceneFile(text: string): Scene[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    refuse(words.notJson((err as Error).message));
  }
  let wrapped: unknown = raw;
  if (Array.isArray(raw)) wrapped = { format: SCENE_FILE_FORMAT, version: SCENE_FILE_VERSION, scenes: raw };
  else if (raw && typeof raw === 'object' && !('format' in raw) && 'items' in raw) {
    wrapped = { format: SCENE_FILE_FORMAT, version: SCENE_FILE_VERSION, scenes: [raw] };
  } else if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== SCENE_FILE_FORMAT) {
    refuse(words.notSceneFile(SCENE_FILE_FORMAT));
  } else if ((raw as { version?: unknown }).version !== SCENE_FILE_VERSION) {
    const version = JSON.stringify((raw as { version?: unknown }).version);
    refuse(words.newerVersion(version, SCENE_FILE_VERSION));
  }
  const parsed = sceneFileSchema.safeParse(wrapped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const others = parsed.error.issues.length - 1;
    const where = describePath(issue?.path ?? [], wrapped);
    const at = where ? `${where}: ` : '';
    // The path rule's message is the one the studio can give in Chinese; zod's own stay as they are.
    const said = issue && {
      en: issue.message,
      zh: issue.message === localFileRule.en ? localFileRule.zh : issue.message,
    };
    refuse(words.notValidAt(at, said ?? null, others));
  }
  for (const [i, scene] of parsed.data.scenes.entries()) {
    const dup = duplicateItemIds(scene);
    if (dup) refuse(words.duplicateItemId(i + 1, scene.name, dup));
  }
  return parsed.data.scenes;
}
