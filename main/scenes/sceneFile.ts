// Scene files: export as JSON, and import only what validates completely, with the reason in plain words.
import { z } from 'zod';
import { StudioError } from '../contract/errors';
import { localFileRule, sceneSchema, type Scene } from '../contract/scene';

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

function refuse(reason: { en: string; zh: string }): never {
  throw new StudioError('invalid_input', {
    en: `This scene file cannot be imported: ${reason.en}. Nothing was changed.`,
    zh: `无法导入此场景文件：${reason.zh}。未做任何更改。`,
  });
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
  if (dup)
    throw new StudioError('invalid_input', {
      en: `Scene "${scene.name}" has two items with the id "${dup}".`,
      zh: `场景“${scene.name}”中有两个元素的编号都是“${dup}”。`,
    });
}

/** Parses a scene file: our export format, a single scene, or a list of scenes. Throws the reason, in words. */
export function parseSceneFile(text: string): Scene[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    refuse({ en: `it is not JSON (${(err as Error).message})`, zh: `它不是 JSON（${(err as Error).message}）` });
  }
  let wrapped: unknown = raw;
  if (Array.isArray(raw)) wrapped = { format: SCENE_FILE_FORMAT, version: SCENE_FILE_VERSION, scenes: raw };
  else if (raw && typeof raw === 'object' && !('format' in raw) && 'items' in raw) {
    wrapped = { format: SCENE_FILE_FORMAT, version: SCENE_FILE_VERSION, scenes: [raw] };
  } else if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== SCENE_FILE_FORMAT) {
    refuse({
      en: `it is not a VJ Studio scene file (expected "format": "${SCENE_FILE_FORMAT}")`,
      zh: `它不是 VJ Studio 场景文件（应有 "format": "${SCENE_FILE_FORMAT}"）`,
    });
  } else if ((raw as { version?: unknown }).version !== SCENE_FILE_VERSION) {
    const version = JSON.stringify((raw as { version?: unknown }).version);
    refuse({
      en: `it was written by a newer or unknown version (${version}); this studio reads version ${SCENE_FILE_VERSION}`,
      zh: `它由更新或未知的版本写出（${version}），本工作室读取版本 ${SCENE_FILE_VERSION}`,
    });
  }
  const parsed = sceneFileSchema.safeParse(wrapped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const others = parsed.error.issues.length - 1;
    const more = others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : '';
    const where = describePath(issue?.path ?? [], wrapped);
    const at = where ? `${where}: ` : '';
    const zh = issue?.message === localFileRule.en ? localFileRule.zh : issue?.message;
    refuse({
      en: `${at}${issue?.message ?? 'something in it is not valid'}${more}`,
      zh: `${at}${zh ?? '其中有内容无效'}${others > 0 ? `（另有 ${others} 处问题）` : ''}`,
    });
  }
  for (const [i, scene] of parsed.data.scenes.entries()) {
    const dup = duplicateItemIds(scene);
    if (dup)
      refuse({
        en: `scene ${i + 1} ("${scene.name}") has two items with the id "${dup}"`,
        zh: `第 ${i + 1} 个场景（“${scene.name}”）中有两个元素的编号都是“${dup}”`,
      });
  }
  return parsed.data.scenes;
}
