// When a dropped link feed means a VJ vanished, on the real platform: real ffmpeg publishes each linked room's
// link feed to the real ingest. A feed that drops while its link lasts ends the link as lost after the grace; a
// feed stopped because its link ended (an unlink) ends nothing, so a VJ who re-invites right after an unlink gets
// the invitation through and keeps the new link (the stale grace ended both before). A feed's players are ended
// the moment its publisher is cut off, so the partner's studio learns it at once, not after its own timeout.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePkSignal, pkLinkSchema, pkRoomStateSchema, type PkRoomState } from '../../common/platformApi/pkSchemas';
import { FfmpegPushMedia } from '../../testSupport/ffmpegPushMedia';
import { api, ChatClient, signUpWithRoom, tempPlatform } from '../../testSupport/platform';
import { answerPkInvite, pkInvite } from '../../testSupport/pkInvites';
import { sleep, until } from '../../testSupport/media';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import { LINK_FEED_GRACE_MS } from '.';

let p: Awaited<ReturnType<typeof tempPlatform>>;
const pushers: FfmpegPushMedia[] = [];
const chats: ChatClient[] = [];
beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 });
});
afterAll(async () => {
  for (const m of pushers) await m.stopPush();
  for (const c of chats) c.close();
  await p.cleanup();
});

interface Vj {
  token: string;
  roomId: string;
  chat: ChatClient;
}

async function liveVj(userId: string): Promise<Vj> {
  const vj = await signUpWithRoom(p.httpUrl, userId);
  const chat = await ChatClient.connect(p.imUrl, vj.token);
  chats.push(chat);
  return { token: vj.token, roomId: vj.roomId, chat };
}

const pkState = async (vj: Vj): Promise<PkRoomState> =>
  pkRoomStateSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/pk/me', undefined, vj.token)).body);

const invite = async (from: Vj, to: Vj): Promise<string> => {
  const r = await pkInvite(p.httpUrl, from.token, to.roomId);
  expect(r.status).toBe(201);
  return r.body.inviteId;
};

const accept = (inviteId: string, by: Vj) => answerPkInvite(p.httpUrl, inviteId, 'accept', by.token);

/** The ingest's word that a link feed was pushed (1) or cut off (0). */
function feedEvent(pushUrl: string, type: 0 | 1): Promise<void> {
  const stream = new URL(pushUrl).pathname.split('/').at(-1)!;
  return new Promise((done) => {
    const on = (e: { stream_id: string; event_type: number }) => {
      if (e.stream_id !== stream || e.event_type !== type) return;
      p.events.off('stream', on);
      done();
    };
    p.events.on('stream', on);
  });
}

/** Each VJ publishes their link feed (as a studio does while linked), once the ingest has it live. */
async function publishFeeds(vjs: Vj[]): Promise<{ stop(): Promise<void>; cutOff(i: number): Promise<void> }> {
  const urls = await Promise.all(vjs.map(async (v) => (await pkState(v)).linkFeedPushUrl));
  const media = urls.map(() => new FfmpegPushMedia());
  pushers.push(...media);
  const up = urls.map((u) => feedEvent(u, 1));
  await Promise.all(media.map((m, i) => m.startPush(urls[i]!)));
  await Promise.all(up);
  const running = new Set(media.keys());
  const cutOff = async (i: number) => {
    if (!running.delete(i)) return;
    const down = feedEvent(urls[i]!, 0);
    await media[i]!.stopPush();
    await down;
  };
  return { stop: async () => void (await Promise.all(media.map((_, i) => cutOff(i)))), cutOff };
}

describe('a dropped link feed', () => {
  it('after an unlink ends nothing: a re-invite right away reaches the partner and the new link outlasts the grace', async () => {
    const red = await liveVj('feed_red');
    const green = await liveVj('feed_green');
    const first = pkLinkSchema.parse((await accept(await invite(red, green), green)).body).linkId;
    const feeds = await publishFeeds([red, green]);
    // Red unlinks; both studios stop their feeds (the ingest sees them cut off); red invites green again at once.
    expect((await api(p.httpUrl, 'POST', `/api/v1/pk/links/${first}/end`, {}, red.token)).status).toBe(200);
    await feeds.stop();
    const again = await invite(red, green);
    await sleep(LINK_FEED_GRACE_MS + 1000);
    expect((await pkState(green)).invitesIn.map((i) => i.inviteId)).toEqual([again]);
    const second = pkLinkSchema.parse((await accept(again, green)).body).linkId;
    // Unlinked and linked again within the grace: the new link stays.
    const feeds2 = await publishFeeds([red, green]);
    expect((await api(p.httpUrl, 'POST', `/api/v1/pk/links/${second}/end`, {}, green.token)).status).toBe(200);
    await feeds2.stop();
    const third = pkLinkSchema.parse((await accept(await invite(green, red), red)).body).linkId;
    await sleep(LINK_FEED_GRACE_MS + 1000);
    expect((await pkState(red)).links.map((l) => l.linkId)).toEqual([third]);
    expect((await pkState(green)).links.map((l) => l.linkId)).toEqual([third]);
  }, 60_000);

  it('while linked ends the link as lost after the grace, and the partner is told so', async () => {
    const red = await liveVj('gone_red');
    const green = await liveVj('gone_green');
    const linkId = pkLinkSchema.parse((await accept(await invite(red, green), green)).body).linkId;
    const feeds = await publishFeeds([red, green]);
    const told = red.chat.next('c2c', (f) => parsePkSignal(f.message.payload.data)?.event === 'unlinked');
    // Green's studio vanishes: its feed is cut off with the link still standing.
    await feeds.cutOff(1);
    expect(parsePkSignal((await told).message.payload.data)).toMatchObject({
      event: 'unlinked',
      linkId,
      reason: 'lost',
    });
    await until(async () => (await pkState(red)).links.length === 0, 5000, "the link gone from red's state");
    await feeds.stop();
  }, 60_000);

  it('ends its players the moment it is cut off (they would otherwise wait out their own 30 s timeout)', async () => {
    const red = await liveVj('ends_red');
    const green = await liveVj('ends_green');
    await accept(await invite(red, green), green);
    const feeds = await publishFeeds([red, green]);
    // Red's studio watches green's link feed as a player of the ingest, with a timeout far beyond the wait below.
    const url = (await pkState(red)).links[0]!.partnerPullUrl;
    const ffmpeg = defaultFfmpegLocation();
    const player = spawn(ffmpeg.found ? ffmpeg.path : 'ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-rw_timeout', '30000000', '-i', url],
      ...['-c', 'copy', '-f', 'null', '-', '-progress', 'pipe:1', '-stats_period', '0.2'],
    ]);
    let progress = 0;
    let exited = false;
    player.stdout.on('data', () => progress++);
    player.once('exit', () => (exited = true));
    await until(() => progress > 3, 20_000, 'the player receiving the feed');
    await feeds.cutOff(1);
    await until(() => exited, 15_000, 'the player ended by the ingest').finally(() => player.kill('SIGKILL'));
    await feeds.stop();
  }, 60_000);
});
