// The WHEP egress of return feeds on a real platform, through the real wire: the studio's feed is published
// to the ingest (real ffmpeg, signed), a guest's werift peer plays it and receives H.264 and Opus RTP; the
// hostile parties are refused in plain words — strangers, other users, the host, anyone playing the feed
// from the ingest directly (HTTP-FLV, unsigned RTMP) or publishing it unsigned; sessions are bounded. Every
// video packet asks the browser for no playout delay.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTCPeerConnection, RTCRtpHeaderExtensionParameters, useH264, useOPUS } from 'werift';
import { createdRoomSchema, guestStreamSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { PLAYOUT_DELAY_URI, playoutDelayOf } from './playoutDelay';
import { MAX_WHEP_SESSIONS_PER_ROOM } from './whepEgress';

let p: Awaited<ReturnType<typeof tempPlatform>>;
const chats: ChatClient[] = [];
const peers: RTCPeerConnection[] = [];
const procs: ChildProcess[] = [];

beforeAll(async () => {
  p = await tempPlatform();
});
afterAll(async () => {
  chats.forEach((c) => c.close());
  // The publisher goes first, and the ingest hears it go, before the platform closes its database.
  await Promise.all(
    procs.map(
      (c) => new Promise((done) => (c.exitCode !== null ? done(0) : (c.once('exit', done), c.kill('SIGKILL')))),
    ),
  );
  await sleep(500);
  await Promise.all(peers.map((pc) => pc.close()));
  await p.cleanup();
});

/** A guest's receive-only peer, counting what arrives per kind. */
async function watcher(): Promise<{
  sdp: string;
  pc: RTCPeerConnection;
  got: { video: number; audio: number; noDelay: number };
}> {
  // Offers the playout-delay extension as Chromium does, to see that every video packet asks for none.
  const pc = new RTCPeerConnection({
    codecs: { video: [useH264()], audio: [useOPUS()] },
    headerExtensions: { video: [new RTCRtpHeaderExtensionParameters({ uri: PLAYOUT_DELAY_URI })] },
  });
  let delayId = -1;
  peers.push(pc);
  const got = { video: 0, audio: 0, noDelay: 0 };
  pc.onTrack.subscribe((t) =>
    t.onReceiveRtp.subscribe((rtp) => {
      got[t.kind as 'video' | 'audio']++;
      const delay = t.kind === 'video' ? playoutDelayOf(rtp.serialize(), delayId) : null;
      if (delay?.min === 0 && delay.max === 0) got.noDelay++;
    }),
  );
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const sdp = pc.localDescription!.sdp;
  delayId = Number(new RegExp(`a=extmap:(\\d+) ${PLAYOUT_DELAY_URI}`).exec(sdp)?.[1] ?? -1);
  return { sdp, pc, got };
}

function post(url: string, body: string, token?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/sdp' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(url, { method: 'POST', headers, body });
}

/** The studio's return feed as the ingest sees it: H.264 and AAC over RTMP, in real time. */
function publishFeed(url: string): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30'];
  args.push('-f', 'lavfi', '-i', 'sine=f=440:r=48000', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune');
  args.push('zerolatency', '-g', '30', '-c:a', 'aac', '-f', 'flv', url);
  const c = spawn('ffmpeg', args, { stdio: 'ignore' });
  procs.push(c);
  return c;
}

/**
 * Runs ffmpeg to its end and gives its exit code. Never spawnSync here: the platform and the browser's
 * peer connection share this process, and a blocked event loop for seconds fails the WebRTC connection.
 */
function ffmpegExit(args: string[], timeoutMs = 20_000): Promise<number | null> {
  return new Promise((done) => {
    const c = spawn('ffmpeg', args, { stdio: 'ignore' });
    const t = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
    c.on('exit', (code) => {
      clearTimeout(t);
      done(code);
    });
  });
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(200);
  }
}

async function roomWithGuests(vjId: string, guests: string[]) {
  const vj = await signUp(p.httpUrl, vjId);
  const room = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'WHEP' }, vj.token)).body,
  );
  const signed = [];
  for (const g of guests) {
    const s = await signUp(p.httpUrl, g);
    const c = await ChatClient.connect(p.imUrl, s.token);
    chats.push(c);
    await c.request({ type: 'join', groupId: room.groupId });
    signed.push(s);
  }
  const issue = async (userId: string) =>
    guestStreamSchema.parse(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/guests/${userId}/stream`, undefined, vj.token)).body,
    );
  return { vj, room, signed, issue };
}

describe('WHEP return feeds', () => {
  it('plays a guest their own return feed, and nobody else, over WebRTC', async () => {
    const { vj, room, signed, issue } = await roomWithGuests('vj_whep', ['whep_guest', 'whep_other']);
    const [guest, other] = signed as [(typeof signed)[0], (typeof signed)[0]];
    const whepUrl = `${p.httpUrl}/api/v1/rooms/${room.roomId}/guests/whep_guest/whep`;
    const early = await post(whepUrl, (await watcher()).sdp, guest.token);
    expect(early.status).toBe(403);

    const issued = await issue('whep_guest');
    expect(issued.whepUrl).toBe(whepUrl);
    const returnName = `${issued.streamName.replace(/-guest-whep_guest$/, '')}-return-whep_guest`;
    expect(issued.returnPushUrl).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:\\d+/live/${returnName}\\?txSecret=`));

    // Strangers, other users, the host and other people's paths are refused.
    const { sdp } = await watcher();
    expect((await post(whepUrl, sdp)).status).toBe(401);
    expect((await post(whepUrl, sdp, other.token)).status).toBe(403);
    expect((await post(whepUrl, sdp, vj.token)).status).toBe(403);
    const otherPath = `${p.httpUrl}/api/v1/rooms/${room.roomId}/guests/whep_other/whep`;
    const notInvited = (await (await post(otherPath, sdp, other.token)).json()) as { error: { message: string } };
    expect(notInvited.error.message).toMatch(/has not put you on video/);

    // Publishing the feed unsigned is refused; the studio's signed publish is taken.
    const rtmpBase = issued.returnPushUrl!.split('?')[0]!;
    const unsigned = await ffmpegExit(
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90', '-t', '1'].concat([
        '-c:v',
        'libx264',
        '-f',
        'flv',
        rtmpBase,
      ]),
    );
    expect(unsigned).not.toBe(0);
    publishFeed(issued.returnPushUrl!);

    // The guest's own offer: answered, and both kinds of media arrive once the feed is live.
    const mine = await watcher();
    const ok = await post(whepUrl, mine.sdp, guest.token);
    expect(ok.status).toBe(201);
    const answer = await ok.text();
    expect(answer).toMatch(/a=rtpmap:\d+ H264\/90000/i);
    expect(answer).toMatch(/a=sendonly/);
    await mine.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    await until('video and audio at the guest', () => mine.got.video > 30 && mine.got.audio > 25, 30_000);
    // The browser is told to show each frame once decoded, not to buffer the conversation for smoothness.
    expect(answer).toMatch(new RegExp(`a=extmap:\\d+ ${PLAYOUT_DELAY_URI}`));
    expect(mine.got.noDelay).toBeGreaterThan(0);
    expect(mine.got.noDelay).toBe(mine.got.video);

    // Nobody plays the feed from the ingest itself: not over HTTP-FLV, not over RTMP without the signature.
    const flv = await fetch(`${p.httpUrl}/live/${returnName}.flv`);
    expect(flv.status).toBe(404);
    expect(((await flv.json()) as { error: { message: string } }).error.message).toMatch(/only by that guest/);
    const pull = await ffmpegExit(
      ['-v', 'error', '-rw_timeout', '4000000', '-i', rtmpBase, '-frames:v', '1'].concat(['-f', 'null', '-']),
    );
    expect(pull).not.toBe(0);

    // Only the owner ends the session.
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/api/v1/rooms/${room.roomId}/guests/whep_guest/whep/[0-9a-f-]{36}$`));
    const del = (token: string) =>
      fetch(`${p.httpUrl}${location}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect((await del(other.token)).status).toBe(404);
    expect((await del(guest.token)).status).toBe(200);
  }, 90_000);

  it(`holds at most ${MAX_WHEP_SESSIONS_PER_ROOM} watching guests a room; a guest's new session replaces the old`, async () => {
    const ids = Array.from({ length: MAX_WHEP_SESSIONS_PER_ROOM + 1 }, (_, i) => `whep_full_${i}`);
    const { signed, issue } = await roomWithGuests('vj_whep_full', ids);
    const urls = [];
    for (const id of ids) urls.push((await issue(id)).whepUrl!);
    for (let i = 0; i < MAX_WHEP_SESSIONS_PER_ROOM; i++)
      expect((await post(urls[i]!, (await watcher()).sdp, signed[i]!.token)).status).toBe(201);
    // The first guest opens the feed again (a rejoin): it replaces theirs, the room is still full for a newcomer.
    expect((await post(urls[0]!, (await watcher()).sdp, signed[0]!.token)).status).toBe(201);
    const last = MAX_WHEP_SESSIONS_PER_ROOM;
    const full = await post(urls[last]!, (await watcher()).sdp, signed[last]!.token);
    expect(full.status).toBe(429);
    const words = (await full.json()) as { error: { message: string; zh: string } };
    expect(words.error.message).toBe(
      `At most ${MAX_WHEP_SESSIONS_PER_ROOM} guests can watch the show's return feed in a room at once.`,
    );
    expect(words.error.zh).toMatch(/回传画面/);
  }, 60_000);
});
