// A co-host guest's stream URLs: owner-only, members only, and the ingest takes the guest's signed publish.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import { createdRoomSchema, guestStreamSchema } from '../../common/platformApi/schemas';
import type { StreamEvent } from '../ingest/rtmpIngest';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { lavfiPushArgs } from '../../testSupport/lavfiPushArgs';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
let p: Awaited<ReturnType<typeof tempPlatform>>;
const events: StreamEvent[] = [];

beforeAll(async () => {
  p = await tempPlatform();
  p.events.on('stream', (e) => events.push(e));
});
afterAll(() => p.cleanup());

function publish(url: string, seconds: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(
      ffmpeg,
      lavfiPushArgs(url, { video: `color=c=red:size=320x180:rate=15:duration=${seconds}`, gop: 15 }),
      { stdio: 'ignore' },
    );
    child.on('exit', (code) => done(code));
  });
}

describe('guest stream URLs', () => {
  it("are the host's to ask for, for a viewer in the room, and the ingest takes the guest's signed publish", async () => {
    const vj = await signUp(p.httpUrl, 'vj_guests');
    const viewer = await signUp(p.httpUrl, 'viewer_a');
    const stranger = await signUp(p.httpUrl, 'stranger_b');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Guests' }, vj.token)).body,
    );
    const path = (u: string) => `/api/v1/rooms/${room.roomId}/guests/${u}/stream`;

    // Not in the room yet: refused.
    const absent = await api(p.httpUrl, 'POST', path('viewer_a'), undefined, vj.token);
    expect(absent.status).toBe(404);
    expect(absent.body.error?.message).toMatch(/not in the room/);

    const chat = await ChatClient.connect(p.imUrl, viewer.token);
    expect((await chat.request({ type: 'join', groupId: room.groupId })).type).toBe('joined');

    const notOwner = await api(p.httpUrl, 'POST', path('viewer_a'), undefined, stranger.token);
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error?.message).toMatch(/Only the room's host/);
    expect((await api(p.httpUrl, 'POST', path('viewer_a'))).status).toBe(401);
    expect((await api(p.httpUrl, 'POST', path('vj_guests'), undefined, vj.token)).status).toBe(400);

    const ok = await api(p.httpUrl, 'POST', path('viewer_a'), undefined, vj.token);
    expect(ok.status).toBe(200);
    const g = guestStreamSchema.parse(ok.body);
    expect(g.pushUrl).toMatch(/\/live\/vj\d+_[0-9a-f]+-guest-viewer_a\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$/);
    expect(g.pullUrl).toBe(`${p.rtmpUrl}/live/${g.streamName}`);

    // An unsigned publish to the guest's stream is refused; the signed one is taken.
    expect(await publish(g.pushUrl.split('?')[0]!, 2)).not.toBe(0);
    expect(events.filter((e) => e.stream_id === g.streamName)).toEqual([]);
    const publishing = publish(g.pushUrl, 3);
    const deadline = Date.now() + 8000;
    while (!events.some((e) => e.stream_id === g.streamName && e.event_type === 1) && Date.now() < deadline)
      await sleep(100);
    expect(events.find((e) => e.stream_id === g.streamName)?.event_type).toBe(1);
    expect(await publishing).toBe(0);
    chat.close();
  }, 30_000);
});
