// The real obs-websocket-js client (as Stream Deck plugins and bots use it) against a real studio, over both
// subprotocols: sign-in, every mapped request's answer against the client's own response types, scene and
// stream events, a batch, and the protocol's status for an unknown request.
import OBSWebSocketMsgpack, { EventSubscription, type OBSWebSocketError } from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { obsTestStudio, type ObsTestStudio } from '../../testSupport/obsTestStudio';

let t: ObsTestStudio;
beforeAll(async () => {
  t = await obsTestStudio('obs-client');
}, 60_000);
afterAll(async () => t?.cleanup(), 60_000);

const clients = [
  { name: 'MessagePack', make: () => new OBSWebSocketMsgpack(), protocol: 'obswebsocket.msgpack' },
  { name: 'JSON', make: () => new OBSWebSocketJson(), protocol: 'obswebsocket.json' },
] as const;

type Client = OBSWebSocketMsgpack | OBSWebSocketJson;

const str = z.string();
const num = z.number();
const bool = z.boolean();
const objects = z.array(z.record(z.string(), z.unknown()));
// What obs-websocket-js's OBSResponseTypes declare for each request, as runtime checks.
const responseShapes = {
  GetVersion: z.object({
    obsVersion: str,
    obsWebSocketVersion: str,
    rpcVersion: num,
    availableRequests: z.array(str),
    supportedImageFormats: z.array(str),
    platform: str,
    platformDescription: str,
  }),
  GetStats: z.object(
    Object.fromEntries(
      [
        'cpuUsage',
        'memoryUsage',
        'availableDiskSpace',
        'activeFps',
        'averageFrameRenderTime',
        'renderSkippedFrames',
        'renderTotalFrames',
        'outputSkippedFrames',
        'outputTotalFrames',
        'webSocketSessionIncomingMessages',
        'webSocketSessionOutgoingMessages',
      ].map((k) => [k, num]),
    ),
  ),
  GetSceneList: z.object({
    currentProgramSceneName: str,
    currentProgramSceneUuid: str,
    currentPreviewSceneName: str.nullable(),
    currentPreviewSceneUuid: str.nullable(),
    scenes: objects,
  }),
  GetCurrentProgramScene: z.object({
    sceneName: str,
    sceneUuid: str,
    currentProgramSceneName: str,
    currentProgramSceneUuid: str,
  }),
  GetCurrentPreviewScene: z.object({
    sceneName: str,
    sceneUuid: str,
    currentPreviewSceneName: str,
    currentPreviewSceneUuid: str,
  }),
  GetStudioModeEnabled: z.object({ studioModeEnabled: bool }),
  GetSceneItemList: z.object({ sceneItems: objects }),
  GetSceneItemEnabled: z.object({ sceneItemEnabled: bool }),
  GetInputList: z.object({ inputs: objects }),
  GetInputMute: z.object({ inputMuted: bool }),
  ToggleInputMute: z.object({ inputMuted: bool }),
  GetInputVolume: z.object({ inputVolumeMul: num, inputVolumeDb: num }),
  GetStreamStatus: z.object({
    outputActive: bool,
    outputReconnecting: bool,
    outputTimecode: str.regex(/^\d\d:\d\d:\d\d\.\d\d\d$/),
    outputDuration: num,
    outputCongestion: num,
    outputBytes: num,
    outputSkippedFrames: num,
    outputTotalFrames: num,
  }),
  GetRecordStatus: z.object({
    outputActive: bool,
    outputPaused: bool,
    outputTimecode: str,
    outputDuration: num,
    outputBytes: num,
  }),
  ToggleRecord: z.object({ outputActive: bool }),
  StopRecord: z.object({ outputPath: str }),
  ToggleStream: z.object({ outputActive: bool }),
};

/** Resolves with the first event of that type that passes the check. */
function nextEvent<T>(obs: Client, type: string, check: (data: T) => boolean = () => true, ms = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
    const on = (data: T) => {
      if (!check(data)) return;
      clearTimeout(timer);
      (obs as unknown as { off(t: string, f: unknown): void }).off(type, on);
      resolve(data);
    };
    (obs as unknown as { on(t: string, f: unknown): void }).on(type, on);
  });
}

describe.each(clients)('obs-websocket-js over $name', ({ make, protocol }) => {
  let obs: Client;
  beforeAll(async () => {
    obs = make();
    const hello = await obs.connect(t.url, t.password, { eventSubscriptions: EventSubscription.All });
    expect(hello.negotiatedRpcVersion).toBe(1);
  });
  afterAll(async () => obs?.disconnect());

  it('speaks the chosen subprotocol', () => {
    expect((obs as unknown as { socket: { protocol: string } }).socket.protocol).toBe(protocol);
  });

  it('is refused with a wrong password (AuthenticationFailed, 4009) and the right one still works', async () => {
    const wrong = make();
    const error = (await wrong.connect(t.url, 'not-the-password').then(
      () => null,
      (e: OBSWebSocketError) => e,
    )) as OBSWebSocketError | null;
    expect(error?.code).toBe(4009);
    const none = make();
    expect(((await none.connect(t.url).catch((e: OBSWebSocketError) => e)) as OBSWebSocketError).code).toBe(4009);
    expect((await obs.call('GetStudioModeEnabled')).studioModeEnabled).toBe(false);
  });

  it('answers every read request with the shapes the client types declare', async () => {
    const version = responseShapes.GetVersion.parse(await obs.call('GetVersion'));
    expect(version.availableRequests).toEqual(expect.arrayContaining(['SetCurrentProgramScene', 'CallVendorRequest']));
    expect(version.obsVersion).toBe('0.0.0-test');
    responseShapes.GetStats.parse(await obs.call('GetStats'));
    const list = responseShapes.GetSceneList.parse(await obs.call('GetSceneList'));
    const studioScenes = (await t.call('scenes.state', {})).scenes;
    // OBS order: bottom first, sceneIndex counting from the bottom.
    expect(list.scenes.map((s) => s.sceneName)).toEqual(studioScenes.map((s) => s.name).reverse());
    expect(list.scenes[0]).toMatchObject({ sceneIndex: 0, sceneUuid: studioScenes.at(-1)!.id });
    responseShapes.GetCurrentProgramScene.parse(await obs.call('GetCurrentProgramScene'));
    const camera = studioScenes[0]!;
    const items = responseShapes.GetSceneItemList.parse(await obs.call('GetSceneItemList', { sceneName: camera.name }));
    expect(items.sceneItems[0]).toMatchObject({ sourceName: camera.items[0]!.name, sceneItemEnabled: true });
    const sceneItemId = items.sceneItems[0]!.sceneItemId as number;
    expect(typeof sceneItemId).toBe('number');
    responseShapes.GetSceneItemEnabled.parse(
      await obs.call('GetSceneItemEnabled', { sceneUuid: camera.id, sceneItemId }),
    );
    const inputs = responseShapes.GetInputList.parse(await obs.call('GetInputList'));
    expect(inputs.inputs.map((i) => i.inputName)).toEqual(expect.arrayContaining(['Microphone']));
    responseShapes.GetInputMute.parse(await obs.call('GetInputMute', { inputName: 'Microphone' }));
    responseShapes.GetInputVolume.parse(await obs.call('GetInputVolume', { inputName: 'Microphone' }));
    responseShapes.GetStreamStatus.parse(await obs.call('GetStreamStatus'));
    responseShapes.GetRecordStatus.parse(await obs.call('GetRecordStatus'));
  });

  it('switches the program scene: the studio puts it on air and CurrentProgramSceneChanged arrives', async () => {
    const { scenes, programSceneId } = await t.call('scenes.state', {});
    const target = scenes.find((s) => s.id !== programSceneId)!;
    const event = nextEvent<{ sceneName: string; sceneUuid: string }>(obs, 'CurrentProgramSceneChanged');
    await obs.call('SetCurrentProgramScene', { sceneName: target.name });
    expect(await event).toEqual({ sceneName: target.name, sceneUuid: target.id });
    expect((await t.call('scenes.state', {})).programSceneId).toBe(target.id);
    expect(await obs.call('GetCurrentProgramScene')).toMatchObject({ sceneName: target.name, sceneUuid: target.id });
  });

  it('runs studio mode: preview, transition, and their events', async () => {
    const modeOn = nextEvent<{ studioModeEnabled: boolean }>(obs, 'StudioModeStateChanged', (e) => e.studioModeEnabled);
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: true });
    await modeOn;
    const { scenes, programSceneId } = await t.call('scenes.state', {});
    const next = scenes.find((s) => s.id !== programSceneId)!;
    const previewEvent = nextEvent<{ sceneUuid: string }>(
      obs,
      'CurrentPreviewSceneChanged',
      (e) => e.sceneUuid === next.id,
    );
    await obs.call('SetCurrentPreviewScene', { sceneUuid: next.id });
    await previewEvent;
    responseShapes.GetCurrentPreviewScene.parse(await obs.call('GetCurrentPreviewScene'));
    const onAir = nextEvent<{ sceneUuid: string }>(obs, 'CurrentProgramSceneChanged', (e) => e.sceneUuid === next.id);
    await obs.call('TriggerStudioModeTransition');
    await onAir;
    expect((await t.call('scenes.state', {})).programSceneId).toBe(next.id);
    await obs.call('SetStudioModeEnabled', { studioModeEnabled: false });
    const refused = await obs.call('GetCurrentPreviewScene').catch((e: OBSWebSocketError) => e);
    expect((refused as OBSWebSocketError).code).toBe(506);
  });

  it('hides and shows a scene item, with SceneItemEnableStateChanged', async () => {
    const scene = (await t.call('scenes.state', {})).scenes[0]!;
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneUuid: scene.id });
    const sceneItemId = sceneItems[0]!.sceneItemId as number;
    const hidden = nextEvent<{ sceneItemId: number; sceneItemEnabled: boolean }>(
      obs,
      'SceneItemEnableStateChanged',
      (e) => e.sceneItemId === sceneItemId && !e.sceneItemEnabled,
    );
    await obs.call('SetSceneItemEnabled', { sceneUuid: scene.id, sceneItemId, sceneItemEnabled: false });
    await hidden;
    expect((await t.call('scenes.state', {})).scenes[0]!.items[0]!.visible).toBe(false);
    await obs.call('SetSceneItemEnabled', { sceneUuid: scene.id, sceneItemId, sceneItemEnabled: true });
    expect((await obs.call('GetSceneItemEnabled', { sceneUuid: scene.id, sceneItemId })).sceneItemEnabled).toBe(true);
  });

  it('mutes and sets the volume of an input in every scene that has it, with their events', async () => {
    const muted = nextEvent<{ inputName: string; inputMuted: boolean }>(
      obs,
      'InputMuteStateChanged',
      (e) => e.inputMuted,
    );
    await obs.call('SetInputMute', { inputName: 'Microphone', inputMuted: true });
    expect(await muted).toMatchObject({ inputName: 'Microphone', inputMuted: true });
    const mics = (await t.call('scenes.state', {})).scenes
      .flatMap((s) => s.audio ?? [])
      .filter((a) => a.name === 'Microphone');
    expect(mics.length).toBeGreaterThan(1);
    expect(mics.every((m) => m.mix.muted)).toBe(true);
    expect(
      responseShapes.ToggleInputMute.parse(await obs.call('ToggleInputMute', { inputName: 'Microphone' })),
    ).toEqual({
      inputMuted: false,
    });
    const volume = nextEvent<{ inputVolumeDb: number }>(obs, 'InputVolumeChanged', (e) => e.inputVolumeDb === -6);
    await obs.call('SetInputVolume', { inputName: 'Microphone', inputVolumeDb: -6 });
    await volume;
    const read = await obs.call('GetInputVolume', { inputName: 'Microphone' });
    expect(read.inputVolumeDb).toBe(-6);
    expect(read.inputVolumeMul).toBeCloseTo(0.501, 3);
    const tooLoud = await obs.call('SetInputVolume', { inputName: 'Microphone', inputVolumeDb: 40 }).catch((e) => e);
    expect((tooLoud as OBSWebSocketError).code).toBe(402);
    await obs.call('SetInputVolume', { inputName: 'Microphone', inputVolumeMul: 1 });
  });

  it('runs a batch in order and reports each result', async () => {
    const { scenes } = await t.call('scenes.state', {});
    const results = await obs.callBatch([
      { requestType: 'SetCurrentProgramScene', requestData: { sceneName: scenes[0]!.name } },
      { requestType: 'GetCurrentProgramScene' },
      { requestType: 'NoSuchRequest' as 'GetVersion' },
      { requestType: 'GetStudioModeEnabled' },
    ]);
    expect(results.map((r) => r.requestStatus.code)).toEqual([100, 100, 204, 100]);
    expect(results[1]!.responseData).toMatchObject({ sceneName: scenes[0]!.name });
    const halted = await obs.callBatch(
      [{ requestType: 'NoSuchRequest' as 'GetVersion' }, { requestType: 'GetVersion' }],
      { haltOnFailure: true },
    );
    expect(halted).toHaveLength(1);
  });

  it('answers an unknown request with UnknownRequestType (204) and stays connected', async () => {
    const error = (await obs
      .call('MakeCoffee' as 'GetVersion')
      .catch((e: OBSWebSocketError) => e)) as OBSWebSocketError;
    expect(error.code).toBe(204);
    expect(error.message).toMatch(/no request named "MakeCoffee"/);
    expect(obs.identified).toBe(true);
    expect((await obs.call('GetVersion')).rpcVersion).toBe(1);
  });

  it('calls the studio’s vendor requests (beauty) and refuses an unknown vendor', async () => {
    const set = await obs.call('CallVendorRequest', {
      vendorName: 'vj-studio',
      requestType: 'SetBeauty',
      requestData: { smoothing: 7 },
    });
    expect(set.responseData).toMatchObject({ smoothing: 7 });
    expect((await t.call('media.status', {})).beauty.smoothing).toBe(7);
    const unknown = await obs.call('CallVendorRequest', { vendorName: 'other', requestType: 'x' }).catch((e) => e);
    expect((unknown as OBSWebSocketError).code).toBe(600);
  });
});
