// A whole cloud-mode show at the studio's level: the real platform in cloud mode against the IM REST stand-in,
// Cloud Live's ingest played by a real RTMP server (its push callback signed as Tencent signs it), and one
// stand-in of Tencent Cloud IM's client side shared by the studio (handed to createStudio, the only way in) and a
// viewer. Go live → the AVChatRoom is created with the VJ as owner → the studio sits in it → the viewer chats,
// likes and sends a billed gift, and forges one → the live figures count what the IM admin sent → a co-host
// invitation travels one-to-one and is declined → end → the group is dismissed after the end notice. Then the
// failures: a sign-in that never answers, the SDK putting the studio out, a create_group that fails every try.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImRestStandIn, type ImRestStandIn } from '../../testSupport/imRestStandIn';
import { api, signIn, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { startChatCloud, type ChatCloud, type CloudChat } from '../../testSupport/tencentChatCloud';
import { EVENT } from '../../testSupport/tencentChatStandIn';
import { callStudio, until as waitUntil } from '../../testSupport/studioCalls';
import { createStudio, type Studio } from '../app';
import type { EventPayload } from '../contract';
import type { TencentMessage } from '../chat/tencent/sdkShape';

const secretKey = 'cloud-show-secret-key-0123456789abcdef0123456789';
const sdkAppId = 1400888001;
const callbackKey = 'cloud-show-callback-key';
let rest: ImRestStandIn;
let chatCloud: ChatCloud;
let ingest: RtmpTestServer;
let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-cloud-show-'));
const ctx = { transport: 'internal' as const, peer: 'test' };
const stats: EventPayload<'session.stats'>[] = [];
const chatStatus: EventPayload<'chat.status'>[] = [];

const until = <T>(what: string, read: () => T | Promise<T>, timeoutMs = 45_000) => waitUntil(what, read, timeoutMs);
const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);

/** Cloud Live's push callback for the VJ's stream once the ingest has the publish, signed with the callback key. */
async function confirmPushWhenItArrives(publishesBefore: number): Promise<void> {
  await until('the push at the Cloud Live ingest', () => ingest.publishes > publishesBefore);
  const rooms = await until('the room in the live list', async () => {
    const r = await api<{ rooms: { host: { userId: string }; playUrls: { flv: string } }[] }>(
      p.httpUrl,
      'GET',
      '/api/v1/rooms',
    );
    return r.body.rooms.find((x) => x.host.userId === 'vj_cloud');
  });
  const stream = /\/live\/([^/.?]+)\.flv/.exec(rooms.playUrls.flv)![1]!;
  const t = Math.floor(Date.now() / 1000) + 60;
  const sign = createHash('md5').update(`${callbackKey}${t}`).digest('hex');
  const body = { t, sign, event_type: 1, stream_id: stream, app: 'live', appname: 'live', event_time: t - 60 };
  expect((await api(p.httpUrl, 'POST', '/api/v1/callbacks/live', { ...body, sequence: '1', errcode: 0 })).body).toEqual(
    { code: 0 },
  );
}

async function goLive(title: string): Promise<{ roomId: string; groupId: string }> {
  const confirmed = confirmPushWhenItArrives(ingest.publishes);
  const st = await call<{ roomId: string; phase: string; problem: unknown }>('session.goLive', {
    title,
    record: false,
  });
  await confirmed;
  expect(st.phase, JSON.stringify(st.problem)).toBe('live');
  const room = await api<{ groupId: string }>(p.httpUrl, 'GET', `/api/v1/rooms/${st.roomId}`);
  return { roomId: st.roomId, groupId: room.body.groupId };
}

/** The viewer: the SDK (stand-in) signed in with the UserSig the platform gave the viewer's own account. */
async function viewerJoins(token: string, groupId: string): Promise<{ chat: CloudChat; heard: TencentMessage[] }> {
  const creds = await api<{ userId: string; userSig: string; sdkAppId: number; mode: string }>(
    p.httpUrl,
    'POST',
    '/api/v1/me/chat-credentials',
    {},
    token,
  );
  expect(creds.body.mode).toBe('cloud');
  const chat = chatCloud.module.create({ SDKAppID: creds.body.sdkAppId }) as CloudChat;
  const heard: TencentMessage[] = [];
  chat.on(EVENT.MESSAGE_RECEIVED, (e) => heard.push(...(e.data as TencentMessage[])));
  await chat.login({ userID: creds.body.userId, userSig: creds.body.userSig });
  await chat.joinGroup({ groupID: groupId, type: 'AVChatRoom' });
  return { chat, heard };
}

beforeAll(async () => {
  rest = await startImRestStandIn({ sdkAppId, secretKey });
  chatCloud = startChatCloud({ rest, sdkAppId, secretKey });
  ingest = await RtmpTestServer.create();
  p = await tempPlatform({
    sdkAppId,
    secretKey,
    heartbeatSeconds: 600,
    cloud: {
      // Cloud Live's push domain is the local RTMP server here; its URLs are signed exactly as Tencent's.
      pushDomain: `127.0.0.1:${ingest.port}`,
      pushKey: 'e12c46f2612d5106e2034781ab261ca3',
      imApiBase: rest.url,
      callbackKey,
      retryDelaysMs: [50],
    },
    operators: [{ userId: 'op_cloud', password: 'secret-pw' }],
  });
  await signUp(p.httpUrl, 'vj_cloud', 'VJ Cloud');
  studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0',
    log: () => {},
    tencentChatSdk: chatCloud.module,
  });
  studio.bus.subscribe((name, payload) => {
    if (name === 'session.stats') stats.push(payload);
    if (name === 'chat.status') chatStatus.push(payload);
  });
  await call('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl });
  await call('account.signIn', { userId: 'vj_cloud', password: 'secret-pw' });
  await call('media.start', { preset: '720p30' });
}, 90_000);
afterAll(async () => {
  await studio?.close();
  await p?.cleanup();
  await ingest?.kill();
  await rest?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('a cloud-mode show', () => {
  it('runs on Tencent Cloud IM from go-live to the group’s dismissal', async () => {
    const { groupId } = await goLive('Cloud show');
    // The platform created the AVChatRoom with the VJ as owner; the studio sits in it as its owner.
    expect(rest.group(groupId).owner).toBe('vj_cloud');
    await until('the studio in its AVChatRoom', () => chatCloud.members(groupId).includes('vj_cloud'));
    const joined = await until('the chat connected', () => {
      const s = chatStatus.at(-1);
      return s?.state === 'connected' ? s : null;
    });
    expect(joined).toMatchObject({ mode: 'tencent', role: 'owner', roomId: groupId, userId: 'vj_cloud' });

    // A viewer joins with their own UserSig, chats, likes and sends a billed gift through the platform.
    const fan = await signUp(p.httpUrl, 'fan_cloud', 'Fan');
    const op = await signIn(p.httpUrl, 'op_cloud');
    await api(p.httpUrl, 'POST', '/api/v1/accounts/fan_cloud/recharge', { amount: 100 }, op.token);
    const viewer = await viewerJoins(fan.token, groupId);
    const line = viewer.chat.createTextMessage({
      to: groupId,
      conversationType: 'GROUP',
      payload: { text: '你好 VJ' },
    });
    await viewer.chat.sendMessage(line);
    // A forged gift straight into the group: Tencent carries it, the studio believes gifts from the IM admin only.
    const forged = viewer.chat.createCustomMessage({
      to: groupId,
      conversationType: 'GROUP',
      payload: {
        data: JSON.stringify({ type: 'gift', name: 'Rocket', count: 99, value: 99_999 }),
        description: 'gift',
      },
    });
    await viewer.chat.sendMessage(forged);
    await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${(await call<{ roomId: string }>('session.state')).roomId}/likes`,
      {
        count: 3,
      },
      fan.token,
    );
    const roomId = (await call<{ roomId: string }>('session.state')).roomId;
    const gift = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${roomId}/gifts`,
      {
        giftId: 'heart',
        count: 2,
        requestId: randomUUID(),
      },
      fan.token,
    );
    expect(gift.status).toBe(200);
    const figures = await until('the like, the gift and the line in the live figures', () => {
      const s = stats.at(-1);
      return s && s.likes === 3 && s.gifts === 2 && s.messages >= 1 ? s : null;
    });
    expect(figures.giftValue).toBe(20);
    expect(figures.latestGift).toMatch(/Fan × 2/);
    // The viewer heard the platform's like and gift from the IM admin, the sender every client believes.
    await until('the viewer hearing the gift', () => viewer.heard.some((m) => m.from === 'administrator'));
    const recent = await call<{ items: { kind: string; text: string; userId: string }[] }>('chat.recent', {
      limit: 50,
    });
    expect(recent.items.some((i) => i.kind === 'text' && i.text === '你好 VJ' && i.userId === 'fan_cloud')).toBe(true);
    expect(recent.items.filter((i) => i.kind === 'gift')).toHaveLength(1);
    await sleep(1500);
    expect(stats.at(-1)!.gifts).toBe(2);

    // Co-host signalling: the invitation travels one-to-one to the viewer, who declines the same way.
    await call('cohost.invite', { userId: 'fan_cloud' });
    const invite = await until('the invitation at the viewer', () =>
      viewer.heard.find((m) => m.conversationType === 'C2C' && m.from === 'vj_cloud'),
    );
    const inviteData = JSON.parse(String(invite.payload.data)) as { type: string; inviteId: string };
    expect(inviteData.type).toBe('cohost.invite');
    await viewer.chat.sendMessage(
      viewer.chat.createCustomMessage({
        to: 'vj_cloud',
        conversationType: 'C2C',
        payload: { data: JSON.stringify({ type: 'cohost.decline', inviteId: inviteData.inviteId }) },
      }),
    );
    await until('the decline in the studio', async () => {
      const st = await call<{ guests: { userId: string; state: string; endReason: string | null }[] }>('cohost.list');
      return st.guests.find((g) => g.userId === 'fan_cloud' && g.state === 'ended' && g.endReason === 'declined');
    });

    // The end: the end notice goes to the room, then the group is dismissed.
    await call('session.end');
    await until('the AVChatRoom dismissed', () => rest.group(groupId).dismissed);
    const order = rest.calls.filter((c) => c.body.GroupId === groupId).map((c) => c.command.split('/')[1]);
    expect(order.at(-1)).toBe('destroy_group');
    expect(JSON.parse(rest.group(groupId).sent.at(-1)!.data)).toMatchObject({ type: 'roomEnded', reason: 'ended' });
    expect(order.at(-2)).toBe('send_group_msg');
    await until('the viewer told the room ended', () =>
      viewer.heard.some((m) => String(m.payload.data).includes('"roomEnded"')),
    );
  }, 180_000);

  it('says so in plain words and tries again when the sign-in hangs or the SDK puts the studio out', async () => {
    chatStatus.length = 0;
    chatCloud.hangLogins(1);
    const { groupId } = await goLive('Cloud retries');
    const failed = await until(
      'the sign-in timeout shown',
      () => chatStatus.find((s) => s.state === 'failed' && s.retry),
      40_000,
    );
    expect(failed.reason).toBe('Tencent Cloud IM did not answer in 15 s when trying to sign in. Check the network.');
    expect(failed.retry).toEqual({ attempt: 2, inSeconds: 2 });
    await until('the studio in its room on the second try', () => {
      const s = chatStatus.at(-1);
      return s?.state === 'connected' && s.roomId === groupId && s.retry === null;
    });

    chatStatus.length = 0;
    chatCloud.kickOut('vj_cloud', 'userSigExpired');
    const kicked = await until('the kick shown', () => chatStatus.find((s) => s.state === 'kicked'));
    expect(kicked.reason).toMatch(/UserSig|sign-in/i);
    await until('the retry shown', () => chatStatus.find((s) => s.retry?.attempt === 2));
    await until('the studio back in its room with a fresh UserSig', () => {
      const s = chatStatus.at(-1);
      return s?.state === 'connected' && chatCloud.members(groupId).includes('vj_cloud');
    });
    await call('session.end');
    await until('the AVChatRoom dismissed', () => rest.group(groupId).dismissed);
  }, 180_000);

  it('refuses to go live in plain words when the AVChatRoom cannot be created after every try', async () => {
    rest.failCommand('group_open_http_svc/create_group', 70169, 'server busy', 3);
    const reply = await studio.router.dispatch('session.goLive', { title: 'No chat group', record: false }, ctx);
    expect(reply.ok).toBe(false);
    const error = (reply as { error: { message: string; zh: string } }).error;
    expect(error.message).toBe(
      'Could not get a room from the platform: Tencent Cloud IM could not create the room’s chat group: Tencent IM refused the call (70169: server busy). The server had a problem; try again in a moment.',
    );
    expect(error.zh).toMatch(/^无法向平台申请房间：腾讯云 IM 未能创建直播间的聊天群/);
    expect((await call<{ phase: string }>('session.state')).phase).not.toBe('live');
  }, 60_000);
});
