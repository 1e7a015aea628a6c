// A recall through the cloud relay checks whose message it is, learned from Tencent IM's after-send webhook over
// HTTP: a hostile moderator cannot recall the host's or another moderator's message, nor one nobody knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, signUp, type TempPlatform } from '../../testSupport/platform';
import { startCloudPlatform } from '../../testSupport/cloudPlatform';
import { postAfterSendMsg, type ImRestStandIn } from '../../testSupport/imRestStandIn';

const secretKey = 'recall-secret-key-0123456789abcdef0123456789abcdef';
const sdkAppId = 1400654322;
const token = 'recall-im-callback-token';
let tencent: ImRestStandIn;
let p: TempPlatform;
let vj: { token: string };
let mod: { token: string };
let groupId = '';

const relay = (body: unknown, bearer: string) =>
  api<{ ActionStatus?: string; RecallRetList?: unknown }>(
    p.httpUrl,
    'POST',
    '/api/v1/im/group_open_http_svc/group_msg_recall',
    body,
    bearer,
  );
const recall = (seqs: number[], bearer: string) =>
  relay({ GroupId: groupId, MsgSeqList: seqs.map((MsgSeq) => ({ MsgSeq })) }, bearer);
const sent = (from: string, msgSeq: number, extra: { token?: string; at?: number; sdkAppId?: number } = {}) =>
  postAfterSendMsg(p.httpUrl, { sdkAppId, token, groupId, from, msgSeq, ...extra });

beforeAll(async () => {
  ({ platform: p, tencent } = await startCloudPlatform({ sdkAppId, secretKey }, { imCallbackToken: token }));
  vj = await signUp(p.httpUrl, 'vj_recall');
  mod = await signUp(p.httpUrl, 'mod_recall');
  await signUp(p.httpUrl, 'mod2_recall');
  await signUp(p.httpUrl, 'fan_recall');
  groupId = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Recall' }, vj.token)).body,
  ).groupId;
  for (const m of ['mod_recall', 'mod2_recall'])
    expect(
      (
        await api(
          p.httpUrl,
          'POST',
          '/api/v1/im/studio/set_moderator',
          { GroupId: groupId, Member_Account: m, Role: 'Admin' },
          vj.token,
        )
      ).status,
    ).toBe(200);
  // Tencent tells the platform who sent each message, as it does after every group message.
  for (const [from, seq] of [
    ['vj_recall', 1],
    ['mod2_recall', 2],
    ['fan_recall', 3],
    ['mod_recall', 4],
  ] as const) {
    const r = await sent(from, seq);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  }
});
afterAll(async () => {
  await p.cleanup();
  await tencent.close();
});

describe('recall through the relay (cloud mode)', () => {
  it("refuses a moderator's recall of the host's or another moderator's message, and sends Tencent nothing", async () => {
    const before = tencent.calls.length;
    const ofHost = await recall([1], mod.token);
    expect(ofHost.status).toBe(403);
    expect(ofHost.body.error?.message).toBe('You cannot recall a message sent by the host or another moderator.');
    expect(ofHost.body.error?.zh).toBe('不能撤回主播或其他管理员发送的消息。');
    expect((await recall([2], mod.token)).status).toBe(403);
    // Hiding the host's message among a viewer's does not get it through.
    expect((await recall([3, 1], mod.token)).status).toBe(403);
    expect(tencent.calls.length).toBe(before);
    expect(tencent.group(groupId).recalled).toEqual([]);
  });

  it('refuses a moderator a message nobody knows the sender of, saying so', async () => {
    const before = tencent.calls.length;
    const r = await recall([99], mod.token);
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/does not know who sent message 99.*only the host can recall it/);
    expect(r.body.error?.zh).toMatch(/不知道消息 99 是谁发送的/);
    expect(tencent.calls.length).toBe(before);
  });

  it("refuses forged, stale and other-app webhooks, so nobody can claim the host's message for a viewer", async () => {
    const forged = await sent('fan_recall', 1, { token: 'guessed-token' });
    expect(forged.status).toBe(403);
    expect(JSON.stringify(forged.body)).toMatch(/signature/);
    expect((await sent('fan_recall', 1, { at: Math.floor(Date.now() / 1000) - 120 })).status).toBe(403);
    expect((await sent('fan_recall', 1, { sdkAppId: sdkAppId + 1 })).status).toBe(403);
    expect((await recall([1], mod.token)).status).toBe(403);
    expect(tencent.group(groupId).recalled).toEqual([]);
  });

  it("lets a moderator recall a viewer's message and their own; the host recalls anything", async () => {
    const r = await recall([3], mod.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ActionStatus: 'OK', RecallRetList: [{ MsgSeq: 3, RetCode: 0 }] });
    expect(tencent.calls.at(-1)!.body).toEqual({ GroupId: groupId, MsgSeqList: [{ MsgSeq: 3 }] });
    expect((await recall([4], mod.token)).body.ActionStatus).toBe('OK');
    expect((await recall([2, 99], vj.token)).body.ActionStatus).toBe('OK');
    expect(tencent.group(groupId).recalled).toEqual([3, 4, 2, 99]);
  });
});
