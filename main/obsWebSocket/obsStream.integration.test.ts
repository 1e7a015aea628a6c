// StartStream from the real obs-websocket-js client goes live on the studio's embedded platform (a room, a
// real ffmpeg push into its ingest, the stream confirmed), with StreamStateChanged; recording and stop too.
import OBSWebSocket, { EventSubscription, type OBSWebSocketError } from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveRoomsSchema } from '../../common/platformApi/schemas';
import { obsTestStudio, type ObsTestStudio } from '../../testSupport/obsTestStudio';

let t: ObsTestStudio;
let studioClosed = false;
let obs: OBSWebSocket;
let watcher: OBSWebSocketJson;
const streamStates: { outputActive: boolean; outputState: string }[] = [];
const watcherStates: string[] = [];
const recordStates: { outputActive: boolean; outputState: string; outputPath: string }[] = [];

beforeAll(async () => {
  t = await obsTestStudio('obs-stream');
  await t.call('account.create', { userId: 'vj_deck', password: 'deck-pw-123', nickname: 'Deck' });
  obs = new OBSWebSocket();
  await obs.connect(t.url, t.password, {
    eventSubscriptions: EventSubscription.Outputs | EventSubscription.General,
  });
  obs.on('StreamStateChanged', (e) => streamStates.push(e));
  obs.on('RecordStateChanged', (e) => recordStates.push(e));
  // A second surface over JSON that subscribed to scenes only: output events are not its business.
  watcher = new OBSWebSocketJson();
  await watcher.connect(t.url, t.password, { eventSubscriptions: EventSubscription.Scenes });
  watcher.on('StreamStateChanged', (e) => watcherStates.push(e.outputState));
}, 60_000);
afterAll(async () => {
  await obs?.disconnect();
  await watcher?.disconnect();
  if (!studioClosed) await t?.cleanup();
}, 60_000);

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function platformRooms() {
  const serverUrl = (await t.call('account.state', {})).serverUrl!;
  return liveRoomsSchema.parse(await (await fetch(`${serverUrl}/api/v1/rooms`)).json()).rooms;
}

describe('StartStream and StopStream through obs-websocket', () => {
  it('goes live on the embedded platform, with STARTING then STARTED', async () => {
    await obs.call('StartStream');
    await until('the studio to be live', async () => (await t.call('session.state', {})).phase === 'live');
    await until('StreamStateChanged STARTED', () =>
      streamStates.some((s) => s.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED'),
    );
    expect(streamStates[0]).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING' });
    expect(streamStates.at(-1)).toEqual({ outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
    const { roomId } = await t.call('session.state', {});
    const room = (await platformRooms()).find((r) => r.roomId === roomId);
    expect(room?.streamUp).toBe(true);
    const status = await obs.call('GetStreamStatus');
    expect(status.outputActive).toBe(true);
    const again = (await obs.call('StartStream').catch((e: OBSWebSocketError) => e)) as OBSWebSocketError;
    expect(again.code).toBe(500);
  }, 90_000);

  it('records while live and says where the file went', async () => {
    // Recording started with the show (go-live records by default): stop, then start again through the surface.
    if ((await obs.call('GetRecordStatus')).outputActive) await obs.call('StopRecord');
    await obs.call('StartRecord');
    await until('the recording to write bytes', async () => (await obs.call('GetRecordStatus')).outputBytes > 0);
    const { outputPath } = await obs.call('StopRecord');
    expect(outputPath).toMatch(/\.mp4$/);
    expect(recordStates.at(-1)).toMatchObject({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
    expect(recordStates.some((r) => r.outputActive && r.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED')).toBe(true);
  }, 60_000);

  it('StopStream ends the show: STOPPING then STOPPED, the platform room is gone', async () => {
    const { roomId } = await t.call('session.state', {});
    await obs.call('StopStream');
    await until(
      'StreamStateChanged STOPPED',
      () => streamStates.at(-1)?.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED',
    );
    expect(streamStates.map((s) => s.outputState).slice(-2)).toEqual([
      'OBS_WEBSOCKET_OUTPUT_STOPPING',
      'OBS_WEBSOCKET_OUTPUT_STOPPED',
    ]);
    await until(
      'the room to leave the live list',
      async () => !(await platformRooms()).some((r) => r.roomId === roomId),
    );
    const notLive = (await obs.call('StopStream').catch((e: OBSWebSocketError) => e)) as OBSWebSocketError;
    expect(notLive.code).toBe(501);
    expect(watcherStates).toEqual([]);
  }, 60_000);

  it('closing the studio tells every surface ExitStarted, then closes (1001 going away)', async () => {
    const exit = new Promise<void>((resolve) => obs.once('ExitStarted', () => resolve()));
    const closed = new Promise<number>((resolve) => obs.once('ConnectionClosed', (e) => resolve(e.code)));
    studioClosed = true;
    await t.cleanup();
    await exit;
    expect(await closed).toBe(1001);
  }, 60_000);
});
