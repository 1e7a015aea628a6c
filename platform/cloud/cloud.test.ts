// Cloud mode: Tencent push URLs, gifts through IM REST send_group_msg (a local fake answering the documented
// shapes), and signed Cloud Live callbacks.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema, liveRoomSchema, sessionSchema } from '../../common/platformApi/schemas';
import { verifyUserSig } from '../auth/userSig';
import { verifyTxSecret } from '../ingest/pushSign';
import { api, signIn, signUp, tempPlatform } from '../../testSupport/platform';
import { testPushAccount } from '../../testSupport/cloudPlatform';

const secretKey = 'cloud-secret-key-0123456789abcdef0123456789abcdef';
const sdkAppId = 1400123456;
const calls: { path: string; query: URLSearchParams; body: Record<string, unknown> }[] = [];
/** How many of the next calls fail (every try of a call, to see a failure that outlasts the retries). */
let failTimes = 0;
let fake: Server;
let fakeUrl = '';
let p: Awaited<ReturnType<typeof tempPlatform>>;

beforeAll(async () => {
  fake = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // Shapes from Tencent's IM REST docs: always HTTP 200, ActionStatus tells.
      if (failTimes > 0) {
        failTimes--;
        res.end(
          JSON.stringify({
            ActionStatus: 'FAIL',
            ErrorCode: 10010,
            ErrorInfo: 'group id invalid or group has been dismissed',
          }),
        );
      } else
        res.end(
          JSON.stringify({
            ActionStatus: 'OK',
            ErrorInfo: '',
            ErrorCode: 0,
            MsgTime: Math.floor(Date.now() / 1000),
            MsgSeq: 42,
          }),
        );
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const a = fake.address();
  fakeUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  p = await tempPlatform({
    sdkAppId,
    secretKey,
    cloud: {
      ...testPushAccount,
      playDomain: 'play.example.com',
      imApiBase: fakeUrl,
      adminUserId: 'administrator',
      callbackKey: 'cb-key',
      retryDelaysMs: [20],
    },
    operators: [{ userId: 'op_cloud', password: 'secret-pw' }],
  });
});
afterAll(async () => {
  await p.cleanup();
  fake.close();
});

describe('cloud mode', () => {
  it('issues Tencent UserSigs and signed Tencent push URLs', async () => {
    const vj = await signUp(p.httpUrl, 'vj_cloud');
    const s = sessionSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/sessions', { userId: 'vj_cloud', password: 'secret-pw' })).body,
    );
    expect(s.mode).toBe('cloud');
    expect(s.imUrl).toBeUndefined();
    expect(verifyUserSig(secretKey, s.userSig, { identifier: 'vj_cloud', sdkAppId }).ok).toBe(true);
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Cloud' }, vj.token)).body,
    );
    const push = new URL(room.pushUrl);
    expect(push.protocol + '//' + push.host).toBe('rtmp://12345.livepush.myqcloud.com');
    const stream = push.pathname.split('/').pop()!;
    expect(verifyTxSecret('e12c46f2612d5106e2034781ab261ca3', stream, Object.fromEntries(push.searchParams)).ok).toBe(
      true,
    );
    expect(room.playUrls.flv).toBe(`https://play.example.com/live/${stream}.flv`);
    expect((await api(p.httpUrl, 'POST', '/api/v1/sessions/guest', {})).status).toBe(403);
  });

  it('sends a gift through IM REST send_group_msg after the debit', async () => {
    const vj = await signUp(p.httpUrl, 'vj_cloud_gift');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Cloud gifts' }, vj.token)).body,
    );
    const fan = await signUp(p.httpUrl, 'fan_cloud', 'Fan');
    const op = await signIn(p.httpUrl, 'op_cloud');
    // No self-service coins in cloud mode; only an operator credits an account.
    expect((await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 10 }, fan.token)).status).toBe(403);
    expect(
      (await api(p.httpUrl, 'POST', '/api/v1/accounts/fan_cloud/recharge', { amount: 100 }, fan.token)).status,
    ).toBe(403);
    expect(
      (await api(p.httpUrl, 'POST', '/api/v1/accounts/fan_cloud/recharge', { amount: 100 }, op.token)).body,
    ).toEqual({ balance: 100 });
    const r = await api<{ balance: number; msgId: string }>(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${room.roomId}/gifts`,
      { giftId: 'heart', count: 3, requestId: randomUUID() },
      fan.token,
    );
    expect(r.status).toBe(200);
    expect(r.body.balance).toBe(70);
    const call = calls.find((c) => c.path === '/v4/group_open_http_svc/send_group_msg')!;
    expect(call.query.get('sdkappid')).toBe(String(sdkAppId));
    expect(call.query.get('identifier')).toBe('administrator');
    expect(call.query.get('contenttype')).toBe('json');
    expect(verifyUserSig(secretKey, call.query.get('usersig')!, { identifier: 'administrator', sdkAppId }).ok).toBe(
      true,
    );
    expect(call.body).toMatchObject({ GroupId: room.groupId, MsgPriority: 'High' });
    // Sent as the app admin, never as the buyer: clients believe gift signals from the admin only.
    expect(call.body).not.toHaveProperty('From_Account');
    const elem = (call.body.MsgBody as { MsgType: string; MsgContent: { Data: string; Desc: string } }[])[0]!;
    expect(elem.MsgType).toBe('TIMCustomElem');
    expect(JSON.parse(elem.MsgContent.Data)).toMatchObject({ type: 'gift', giftId: 'heart', count: 3, value: 30 });
    expect(r.body.msgId).toBe(`${room.groupId}-42`);

    // Every try fails: the gift stays billed and answered, without a message ID (the platform's log says why).
    const before = calls.length;
    failTimes = 3;
    const failed = await api<{ balance: number; msgId?: string }>(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${room.roomId}/gifts`,
      { giftId: 'flower', count: 1, requestId: randomUUID() },
      fan.token,
    );
    expect(failed.status).toBe(200);
    expect(failed.body.msgId).toBeUndefined();
    expect(calls.length - before).toBe(3);
  });

  it('accepts signed Cloud Live callbacks and refuses unsigned or expired ones', async () => {
    const vj = await signUp(p.httpUrl, 'vj_cloud_cb');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Callbacks' }, vj.token)).body,
    );
    const stream = new URL(room.pushUrl).pathname.split('/').pop()!;
    const t = Math.floor(Date.now() / 1000) + 60;
    const sign = createHash('md5').update(`cb-key${t}`).digest('hex');
    const body = {
      t,
      sign,
      event_type: 1,
      stream_id: stream,
      app: 'x',
      appname: 'live',
      event_time: t - 60,
      sequence: '1',
      errcode: 0,
      errmsg: 'ok',
    };
    expect((await api(p.httpUrl, 'POST', '/api/v1/callbacks/live', body)).body).toEqual({ code: 0 });
    expect(liveRoomSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).body).streamUp).toBe(
      true,
    );
    expect((await api(p.httpUrl, 'POST', '/api/v1/callbacks/live', { ...body, sign: 'bad' })).status).toBe(403);
    const old = t - 120;
    expect(
      (
        await api(p.httpUrl, 'POST', '/api/v1/callbacks/live', {
          ...body,
          t: old,
          sign: createHash('md5').update(`cb-key${old}`).digest('hex'),
        })
      ).status,
    ).toBe(403);
    expect((await api(p.httpUrl, 'POST', '/api/v1/callbacks/live', { ...body, event_type: 0 })).body).toEqual({
      code: 0,
    });
    expect(liveRoomSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).body).streamUp).toBe(
      false,
    );
  });
});
