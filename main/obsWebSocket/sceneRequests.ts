// Scenes, studio mode and scene items, answered from the studio's scenes.* calls. OBS lists scenes bottom
// first (index 0 is the last scene of the list) and items bottom first; the studio's order maps onto that.
import type { Scene, SceneItem } from '../contract/scene';
import type { ScenesState } from '../contract/scenes';
import { RequestStatus } from './protocol';
import {
  optionalNumber,
  optionalString,
  RequestFailure,
  requiredBoolean,
  requiredNumber,
  type RequestContext,
  type RequestHandler,
} from './requestTypes';

/** OBS's transition for TriggerStudioModeTransition is the VJ's usual fade. */
const STUDIO_MODE_TRANSITION = { type: 'fade' as const, durationMs: 300 };

export function findScene(state: ScenesState, d: Record<string, unknown>): Scene {
  const name = optionalString(d, 'sceneName');
  const uuid = optionalString(d, 'sceneUuid');
  if (name === undefined && uuid === undefined)
    throw new RequestFailure(RequestStatus.MissingRequestField, 'sceneName or sceneUuid is missing.');
  const scene = state.scenes.find((s) => (uuid !== undefined ? s.id === uuid : s.name === name));
  if (!scene)
    throw new RequestFailure(RequestStatus.ResourceNotFound, `No scene named ${JSON.stringify(uuid ?? name)}.`);
  return scene;
}

function sceneRef(state: ScenesState, id: string | null): { name: string | null; uuid: string | null } {
  const scene = state.scenes.find((s) => s.id === id);
  return { name: scene?.name ?? null, uuid: scene?.id ?? null };
}

function needStudioMode(state: ScenesState): void {
  if (!state.studioMode) throw new RequestFailure(RequestStatus.StudioModeNotActive, 'Studio mode is off.');
}

export function inputKindOf(item: SceneItem): string {
  return `vj_${item.source.kind}`;
}

function itemView(item: SceneItem, index: number, ctx: RequestContext): Record<string, unknown> {
  const { x, y, width, height } = item.rect;
  return {
    sceneItemId: ctx.itemIds.numberOf(item.id),
    sceneItemIndex: index,
    sourceName: item.name,
    sourceUuid: item.id,
    sourceType: 'OBS_SOURCE_TYPE_INPUT',
    inputKind: inputKindOf(item),
    isGroup: null,
    sceneItemEnabled: item.visible,
    sceneItemLocked: item.locked,
    sceneItemBlendMode: 'OBS_BLEND_NORMAL',
    sceneItemTransform: {
      positionX: x,
      positionY: y,
      width,
      height,
      sourceWidth: width,
      sourceHeight: height,
      scaleX: 1,
      scaleY: 1,
      rotation: 0,
      alignment: 5,
      boundsType: 'OBS_BOUNDS_NONE',
      boundsWidth: 0,
      boundsHeight: 0,
      boundsAlignment: 0,
      cropTop: item.crop.top,
      cropRight: item.crop.right,
      cropBottom: item.crop.bottom,
      cropLeft: item.crop.left,
    },
  };
}

function findItem(scene: Scene, d: Record<string, unknown>, ctx: RequestContext): SceneItem {
  const n = requiredNumber(d, 'sceneItemId');
  const id = ctx.itemIds.itemOf(n);
  const item = scene.items.find((i) => i.id === id);
  if (!item) throw new RequestFailure(RequestStatus.ResourceNotFound, `Scene "${scene.name}" has no item ${n}.`);
  return item;
}

export const sceneRequests: Record<string, RequestHandler> = {
  async GetSceneList(_d, ctx) {
    const state = await ctx.call('scenes.state', {});
    const program = sceneRef(state, state.programSceneId);
    const preview = state.studioMode ? sceneRef(state, state.previewSceneId) : { name: null, uuid: null };
    const n = state.scenes.length;
    return {
      currentProgramSceneName: program.name,
      currentProgramSceneUuid: program.uuid,
      currentPreviewSceneName: preview.name,
      currentPreviewSceneUuid: preview.uuid,
      scenes: state.scenes.map((s, i) => ({ sceneIndex: n - 1 - i, sceneName: s.name, sceneUuid: s.id })).reverse(),
    };
  },
  async GetCurrentProgramScene(_d, ctx) {
    const state = await ctx.call('scenes.state', {});
    const { name, uuid } = sceneRef(state, state.programSceneId);
    return { sceneName: name, sceneUuid: uuid, currentProgramSceneName: name, currentProgramSceneUuid: uuid };
  },
  async SetCurrentProgramScene(d, ctx) {
    const scene = findScene(await ctx.call('scenes.state', {}), d);
    await ctx.call('scenes.activate', { id: scene.id });
  },
  async GetCurrentPreviewScene(_d, ctx) {
    const state = await ctx.call('scenes.state', {});
    needStudioMode(state);
    const { name, uuid } = sceneRef(state, state.previewSceneId);
    return { sceneName: name, sceneUuid: uuid, currentPreviewSceneName: name, currentPreviewSceneUuid: uuid };
  },
  async SetCurrentPreviewScene(d, ctx) {
    const state = await ctx.call('scenes.state', {});
    needStudioMode(state);
    await ctx.call('scenes.setPreview', { id: findScene(state, d).id });
  },
  async GetStudioModeEnabled(_d, ctx) {
    return { studioModeEnabled: (await ctx.call('scenes.state', {})).studioMode };
  },
  async SetStudioModeEnabled(d, ctx) {
    await ctx.call('scenes.setStudioMode', { enabled: requiredBoolean(d, 'studioModeEnabled') });
  },
  async TriggerStudioModeTransition(_d, ctx) {
    needStudioMode(await ctx.call('scenes.state', {}));
    await ctx.call('scenes.transition', STUDIO_MODE_TRANSITION);
  },
  async GetSceneItemList(d, ctx) {
    const scene = findScene(await ctx.call('scenes.state', {}), d);
    return { sceneItems: scene.items.map((item, i) => itemView(item, i, ctx)) };
  },
  async GetSceneItemId(d, ctx) {
    const scene = findScene(await ctx.call('scenes.state', {}), d);
    const sourceName = optionalString(d, 'sourceName');
    if (sourceName === undefined) throw new RequestFailure(RequestStatus.MissingRequestField, 'sourceName is missing.');
    const offset = optionalNumber(d, 'searchOffset') ?? 0;
    const matches = scene.items.filter((i) => i.name === sourceName);
    const item = offset < 0 ? matches[matches.length + offset] : matches[offset];
    if (!item) throw new RequestFailure(RequestStatus.ResourceNotFound, `Scene "${scene.name}" has no ${sourceName}.`);
    return { sceneItemId: ctx.itemIds.numberOf(item.id) };
  },
  async GetSceneItemEnabled(d, ctx) {
    const scene = findScene(await ctx.call('scenes.state', {}), d);
    return { sceneItemEnabled: findItem(scene, d, ctx).visible };
  },
  async SetSceneItemEnabled(d, ctx) {
    const scene = findScene(await ctx.call('scenes.state', {}), d);
    const item = findItem(scene, d, ctx);
    const visible = requiredBoolean(d, 'sceneItemEnabled');
    if (item.visible === visible) return;
    const items = scene.items.map((i) => (i.id === item.id ? { ...i, visible } : i));
    await ctx.call('scenes.update', { scene: { ...scene, items } });
  },
};
