// PK in cloud mode: the battle's room signals go to both rooms' AVChatRooms through IM REST as the IM admin, tried
// again like the room's own lifecycle calls (they were sent once, a lost one gone), and a signal that fails every
// try is reported in the platform's log in plain words. Real platform, IM REST stand-in failing on purpose.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePkSignal, pkBattleSchema, pkLinkSchema } from '../../common/platformApi/pkSchemas';
import { startCloudPlatform } from '../../testSupport/cloudPlatform';
import type { ImRestStandIn } from '../../testSupport/imRestStandIn';
import { api, signUp, signUpWithRoom, type TempPlatform } from '../../testSupport/platform';
import { answerPkInvite, pkInvite } from '../../testSupport/pkInvites';
import { IM_CALL_ATTEMPTS } from '../cloud/cloudRoomChat';

const secretKey = 'pk-cloud-secret-key-0123456789abcdef0123456789abc';
const sdkAppId = 1400777003;
let tencent: ImRestStandIn;
let p: TempPlatform;
const logLines: string[] = [];

beforeAll(async () => {
  ({ platform: p, tencent } = await startCloudPlatform(
    { sdkAppId, secretKey },
    { retryDelaysMs: [30] },
    { heartbeatSeconds: 600, log: (l) => logLines.push(l), operators: [{ userId: 'op_pkc', password: 'secret-pw' }] },
  ));
});
afterAll(async () => {
  await p.cleanup();
  await tencent.close();
});

const liveVj = (userId: string) => signUpWithRoom(p.httpUrl, userId);

/** The PK battle signals a room's AVChatRoom got from the IM admin. */
const battleSignals = (groupId: string) =>
  tencent
    .group(groupId)
    .sent.filter((m) => m.desc === 'pk' && m.from === 'administrator')
    .map((m) => parsePkSignal(m.data))
    .filter((s) => s?.event === 'battle');

describe('PK signals in cloud mode', () => {
  it('are tried again when IM REST fails once, and reported in plain words when every try fails', async () => {
    const a = await liveVj('pkc_alice');
    const b = await liveVj('pkc_bob');
    const inv = await pkInvite(p.httpUrl, a.token, b.roomId);
    const accepted = await answerPkInvite(p.httpUrl, inv.body.inviteId, 'accept', b.token);
    const { linkId } = pkLinkSchema.parse(accepted.body);
    const proposed = await api(p.httpUrl, 'POST', '/api/v1/pk/battles', { linkId, durationSec: 300 }, a.token);
    const { battleId } = pkBattleSchema.parse(proposed.body);

    // The battle's start reaches both rooms although the first send_group_msg fails.
    tencent.failCommand('group_open_http_svc/send_group_msg', 10002, 'internal error', 1);
    const started = await api(p.httpUrl, 'POST', `/api/v1/pk/battles/${battleId}/accept`, {}, b.token);
    expect(pkBattleSchema.parse(started.body).status).toBe('running');
    await expect.poll(() => battleSignals(a.groupId).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => battleSignals(b.groupId).length, { timeout: 10_000 }).toBe(1);
    expect(logLines.some((l) => /could not send the room’s message .*try 2 of 3/.test(l))).toBe(true);

    // Tencent refuses every try of the next score update: the platform's log says which room lost it, and why.
    const sentBefore = tencent.calls.filter((c) => c.command === 'group_open_http_svc/send_group_msg').length;
    tencent.failCommand('group_open_http_svc/send_group_msg', 10002, 'internal error', 1000);
    const fan = await signUp(p.httpUrl, 'pkc_fan');
    const op = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions', {
      userId: 'op_pkc',
      password: 'secret-pw',
    });
    await api(p.httpUrl, 'POST', '/api/v1/accounts/pkc_fan/recharge', { amount: 100 }, op.body.token);
    const gift = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${a.roomId}/gifts`,
      { giftId: 'heart', count: 1, requestId: randomUUID() },
      fan.token,
    );
    expect(gift.status).toBe(200);
    const lostLine = (l: string) => l.includes(`a pk message to ${a.groupId} was lost`);
    await expect.poll(() => logLines.some(lostLine), { timeout: 15_000 }).toBe(true);
    const lost = logLines.find(lostLine)!;
    expect(lost).toMatch(/Tencent Cloud IM could not send the room’s message: .+/);
    const pkTries = tencent.calls
      .slice(sentBefore)
      .filter((c) => c.command === 'group_open_http_svc/send_group_msg' && JSON.stringify(c.body).includes('"pk'));
    expect(pkTries.length).toBeGreaterThanOrEqual(IM_CALL_ATTEMPTS);
    // Nothing of it reached the room.
    expect(battleSignals(a.groupId)).toHaveLength(1);
    tencent.failCommand('group_open_http_svc/send_group_msg', 0, '', 0);
  });
});
