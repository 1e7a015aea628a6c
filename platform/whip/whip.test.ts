// The WHIP ingest on a real platform, through the real wire: only a viewer the host put on video, signed in as
// themselves, publishes; strangers, other users, wrong bodies and oversized offers are refused in plain words;
// a real werift offer is answered (201, Location, H.264 and Opus); DELETE by anyone but the owner is refused.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTCPeerConnection, useH264, useOPUS, useVP8 } from 'werift';
import { createdRoomSchema, guestStreamSchema } from '../../common/platformApi/schemas';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import type { StreamEvent } from '../ingest/rtmpIngest';
import { lavfiPushArgs } from '../../testSupport/lavfiPushArgs';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { MAX_GRANTS_PER_ROOM, MAX_WHIP_SESSIONS_PER_ROOM, WhipIngest } from './whipIngest';
import { MAX_OFFER_BYTES } from './whipRoutes';

let p: Awaited<ReturnType<typeof tempPlatform>>;
const chats: ChatClient[] = [];
const peers: RTCPeerConnection[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  p = await tempPlatform({ log: (line) => logLines.push(line) });
});
afterAll(async () => {
  chats.forEach((c) => c.close());
  await Promise.all(peers.map((pc) => pc.close()));
  await p.cleanup();
});

async function offer(video = [useH264()]): Promise<string> {
  const pc = new RTCPeerConnection({ codecs: { video, audio: [useOPUS()] } });
  peers.push(pc);
  pc.addTransceiver('video', { direction: 'sendonly' });
  pc.addTransceiver('audio', { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription!.sdp;
}

function post(url: string, body: string, token?: string, type = 'application/sdp') {
  const headers: Record<string, string> = { 'Content-Type': type };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(url, { method: 'POST', headers, body });
}

async function errorOf(res: Response): Promise<{ status: number; message: string; zh: string }> {
  const b = (await res.json()) as { error: { message: string; zh: string } };
  return { status: res.status, message: b.error.message, zh: b.error.zh };
}

describe('WHIP ingest', () => {
  it('takes a granted guest only, and refuses everyone else in plain words', async () => {
    const vj = await signUp(p.httpUrl, 'vj_whip');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'WHIP' }, vj.token)).body,
    );
    const guest = await signUp(p.httpUrl, 'whip_guest');
    const other = await signUp(p.httpUrl, 'whip_other');
    for (const s of [guest, other]) {
      const c = await ChatClient.connect(p.imUrl, s.token);
      chats.push(c);
      await c.request({ type: 'join', groupId: room.groupId });
    }
    const whipUrl = `${p.httpUrl}/api/v1/rooms/${room.roomId}/guests/whip_guest/whip`;
    const sdp = await offer();

    // Before the host puts the viewer on video: not invited.
    const early = await errorOf(await post(whipUrl, sdp, guest.token));
    expect(early).toMatchObject({ status: 403, message: expect.stringMatching(/has not put you on video/) });
    expect(early.zh).toMatch(/主播还没有邀请你/);

    const issued = guestStreamSchema.parse(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/guests/whip_guest/stream`, undefined, vj.token)).body,
    );
    expect(issued.whipUrl).toBe(whipUrl);

    // No token, someone else's token, another user's path, a JSON body, garbage, an oversized offer.
    expect((await post(whipUrl, sdp)).status).toBe(401);
    expect((await errorOf(await post(whipUrl, sdp, other.token))).status).toBe(403);
    const otherPath = `${p.httpUrl}/api/v1/rooms/${room.roomId}/guests/whip_other/whip`;
    expect((await errorOf(await post(otherPath, sdp, other.token))).message).toMatch(/has not put you on video/);
    expect(await errorOf(await post(whipUrl, '{"sdp":1}', guest.token, 'application/json'))).toMatchObject({
      status: 415,
      message: expect.stringMatching(/application\/sdp/),
    });
    expect(await errorOf(await post(whipUrl, 'hello', guest.token))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/not SDP/),
    });
    expect(await errorOf(await post(whipUrl, `v=0\r\n${'a=x\r\n'.repeat(MAX_OFFER_BYTES / 4)}`, guest.token))).toEqual({
      status: 413,
      message: 'The offer is larger than 32 KB.',
      zh: 'offer 超过了 32 KB。',
    });
    const videoOnly = new RTCPeerConnection();
    peers.push(videoOnly);
    videoOnly.addTransceiver('video', { direction: 'sendonly' });
    await videoOnly.setLocalDescription(await videoOnly.createOffer());
    expect(await errorOf(await post(whipUrl, videoOnly.localDescription!.sdp, guest.token))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/one video and one audio/),
    });

    expect(await errorOf(await post(whipUrl, await offer([useVP8()]), guest.token))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/must offer H\.264/),
    });

    // The guest's own offer: 201, an answer that takes H.264 and Opus, and a Location to leave by.
    const ok = await post(whipUrl, sdp, guest.token);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('content-type')).toBe('application/sdp');
    const answer = await ok.text();
    expect(answer).toMatch(/a=rtpmap:\d+ H264\/90000/i);
    expect(answer).toMatch(/a=rtpmap:\d+ opus\/48000/i);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/api/v1/rooms/${room.roomId}/guests/whip_guest/whip/[0-9a-f-]{36}$`));

    // Only the owner deletes it.
    const del = (token: string, path = location) =>
      fetch(`${p.httpUrl}${path}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect((await del(other.token)).status).toBe(404);
    expect((await del(vj.token)).status).toBe(404);
    expect((await del(guest.token)).status).toBe(200);
    expect((await del(guest.token)).status).toBe(404);
  }, 60_000);

  it(`holds at most ${MAX_WHIP_SESSIONS_PER_ROOM} publishing guests a room, and ${MAX_GRANTS_PER_ROOM} grants`, async () => {
    const vj = await signUp(p.httpUrl, 'vj_full');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Full' }, vj.token)).body,
    );
    const urls: { url: string; token: string }[] = [];
    for (let i = 0; i <= MAX_WHIP_SESSIONS_PER_ROOM; i++) {
      const s = await signUp(p.httpUrl, `full_${i}`);
      const c = await ChatClient.connect(p.imUrl, s.token);
      chats.push(c);
      await c.request({ type: 'join', groupId: room.groupId });
      const g = guestStreamSchema.parse(
        (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/guests/full_${i}/stream`, undefined, vj.token))
          .body,
      );
      urls.push({ url: g.whipUrl!, token: s.token });
    }
    for (const u of urls.slice(0, MAX_WHIP_SESSIONS_PER_ROOM))
      expect((await post(u.url, await offer(), u.token)).status).toBe(201);
    const last = urls[MAX_WHIP_SESSIONS_PER_ROOM]!;
    expect(await errorOf(await post(last.url, await offer(), last.token))).toMatchObject({
      status: 429,
      message: `At most ${MAX_WHIP_SESSIONS_PER_ROOM} guests can publish in a room at once.`,
    });
    // The room ends: its sessions go with it, and a guest can no longer publish.
    expect((await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, undefined, vj.token)).status).toBe(200);
    expect((await post(urls[0]!.url, await offer(), urls[0]!.token)).status).toBe(404);

    const ingest = new WhipIngest({ ffmpegPath: 'ffmpeg' });
    for (let i = 0; i < MAX_GRANTS_PER_ROOM + 10; i++)
      ingest.grant({ roomId: '1', userId: `u${i}`, publishUrl: 'rtmp://127.0.0.1/live/x' });
    expect(ingest.grantCount('1')).toBe(MAX_GRANTS_PER_ROOM);
    // The oldest went first: the earliest guests can no longer publish, the latest still can be asked for.
    await expect(ingest.publish('1', 'u0', 'v=0')).rejects.toThrow(/has not put you on video/);
  }, 60_000);

  it('puts a viewer on video again only once their last time is over: the old session and stream end first', async () => {
    const vj = await signUp(p.httpUrl, 'vj_again');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Again' }, vj.token)).body,
    );
    const guest = await signUp(p.httpUrl, 'again_guest');
    const c = await ChatClient.connect(p.imUrl, guest.token);
    chats.push(c);
    await c.request({ type: 'join', groupId: room.groupId });
    const issue = async () =>
      guestStreamSchema.parse(
        (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/guests/again_guest/stream`, undefined, vj.token))
          .body,
      );
    const first = await issue();
    const events: StreamEvent[] = [];
    p.events.on('stream', (e) => e.stream_id === first.streamName && events.push(e));

    // The guest's last time on video is still there: a WHIP session, and their stream on the ingest (a bridge
    // that has not let go yet, or a publish of their own).
    const session = await post(first.whipUrl!, await offer(), guest.token);
    expect(session.status).toBe(201);
    const loc = defaultFfmpegLocation();
    const old = spawn(
      loc.found ? loc.path : 'ffmpeg',
      lavfiPushArgs(first.pushUrl, { video: 'testsrc2=size=160x90:rate=15', gop: 15 }),
      {
        stdio: 'ignore',
      },
    );
    const oldExit = new Promise<number | null>((done) => old.on('exit', (code) => done(code)));
    const until = Date.now() + 15_000;
    while (!events.some((e) => e.event_type === 1) && Date.now() < until) await sleep(100);
    expect(events.map((e) => e.event_type)).toEqual([1]);

    // The host puts them on video again: by the time the studio has the addresses, the old stream has ended (so
    // it never watches it as the guest's arrival) and the old session is gone.
    const again = await issue();
    expect(again.streamName).toBe(first.streamName);
    expect(events.map((e) => e.event_type)).toEqual([1, 0]);
    const ended = (why: string) => `whip: again_guest in room ${room.roomId} stopped publishing: ${why}`;
    expect(logLines).toContain(ended('The guest was put on video again.'));
    const location = session.headers.get('location')!;
    const del = await fetch(`${p.httpUrl}${location}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${guest.token}` },
    });
    expect(del.status).toBe(404);
    expect(await oldExit).not.toBe(0);
    old.kill('SIGKILL');
    // And the guest may publish again at once; publishing once more (a rejoin) ends that session, and the log
    // says it was the guest's own doing, not the host's.
    expect((await post(again.whipUrl!, await offer(), guest.token)).status).toBe(201);
    expect(logLines).not.toContain(ended('The guest published again (a rejoin).'));
    expect((await post(again.whipUrl!, await offer(), guest.token)).status).toBe(201);
    expect(logLines).toContain(ended('The guest published again (a rejoin).'));
  }, 60_000);
});
