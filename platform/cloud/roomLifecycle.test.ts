// Cloud mode: a room's AVChatRoom lives as long as the room, through IM REST on the real platform against the
// IM REST stand-in: created with the VJ as owner, dismissed after the end notice (ended or heartbeat lost),
// failures retried, and a failure that outlasts the retries refused in plain words with nothing left live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, signUp, type TempPlatform } from '../../testSupport/platform';
import { startCloudPlatform } from '../../testSupport/cloudPlatform';
import type { ImRestStandIn } from '../../testSupport/imRestStandIn';
import { IM_CALL_ATTEMPTS } from './cloudRoomChat';

const secretKey = 'lifecycle-secret-key-0123456789abcdef0123456789ab';
const sdkAppId = 1400777001;
let tencent: ImRestStandIn;
let p: TempPlatform;
const logLines: string[] = [];
/** How long a room that lost its heartbeats keeps its group for its VJ to resume it (600 s in the product). */
const GRACE_SECONDS = 3;

const commandsFor = (groupId: string) =>
  tencent.calls.filter((c) => c.body.GroupId === groupId).map((c) => c.command.replace('group_open_http_svc/', ''));

beforeAll(async () => {
  ({ platform: p, tencent } = await startCloudPlatform(
    { sdkAppId, secretKey, adminUserId: 'administrator' },
    { retryDelaysMs: [20] },
    { heartbeatSeconds: 2, resumeGraceSeconds: GRACE_SECONDS, log: (l) => logLines.push(l) },
  ));
});
afterAll(async () => {
  await p.cleanup();
  await tencent.close();
});

describe('a cloud room’s AVChatRoom', () => {
  it('is created with the VJ as owner, hears likes from the admin, and is dismissed after the end notice', async () => {
    const vj = await signUp(p.httpUrl, 'vj_life', 'VJ Life');
    const created = await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Lifecycle' }, vj.token);
    expect(created.status).toBe(201);
    const room = createdRoomSchema.parse(created.body);
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token);
    const imported = tencent.calls.find((c) => c.command === 'im_open_login_svc/account_import')!;
    expect(imported.body).toMatchObject({ UserID: 'vj_life', Nick: 'VJ Life' });
    const create = tencent.calls.find((c) => c.command === 'group_open_http_svc/create_group')!;
    expect(create.body).toMatchObject({ Owner_Account: 'vj_life', Type: 'AVChatRoom', GroupId: room.groupId });
    expect(tencent.group(room.groupId).owner).toBe('vj_life');

    const fan = await signUp(p.httpUrl, 'fan_life');
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/likes`, { count: 3 }, fan.token);
    await expect.poll(() => tencent.group(room.groupId).sent.map((m) => m.desc)).toEqual(['like']);
    const like = tencent.group(room.groupId).sent[0]!;
    expect(like).toMatchObject({ from: 'administrator', priority: 'Lowest' });
    expect(JSON.parse(like.data)).toMatchObject({ type: 'like', count: 3, total: 3 });

    // The VJ ends it.
    expect((await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token)).status).toBe(200);
    await expect.poll(() => tencent.group(room.groupId).dismissed).toBe(true);
    expect(commandsFor(room.groupId)).toEqual(['create_group', 'send_group_msg', 'send_group_msg', 'destroy_group']);
    const notice = tencent.group(room.groupId).sent[1]!;
    expect(notice).toMatchObject({ from: 'administrator', priority: 'High', desc: 'roomEnded' });
    expect(JSON.parse(notice.data)).toEqual({ type: 'roomEnded', groupId: room.groupId, reason: 'ended' });
  });

  it('is dismissed after the end notice and the resume window when the VJ’s heartbeats stop', async () => {
    const vj = await signUp(p.httpUrl, 'vj_silent');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Silent' }, vj.token)).body,
    );
    await expect.poll(() => tencent.group(room.groupId).sent.length, { timeout: 20_000 }).toBe(1);
    const noticeAt = Date.now();
    expect(tencent.group(room.groupId).dismissed).toBe(false);
    await expect.poll(() => tencent.group(room.groupId).dismissed, { timeout: 20_000 }).toBe(true);
    // Not before the window: the VJ's studio could still have come back to it.
    expect(Date.now() - noticeAt).toBeGreaterThan(GRACE_SECONDS * 1000 - 500);
    expect(commandsFor(room.groupId)).toEqual(['create_group', 'send_group_msg', 'destroy_group']);
    expect(JSON.parse(tencent.group(room.groupId).sent[0]!.data)).toMatchObject({
      type: 'roomEnded',
      reason: 'heartbeat_lost',
    });
  });

  it('keeps the group of a room its VJ resumes inside the window', async () => {
    const vj = await signUp(p.httpUrl, 'vj_frozen');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Frozen' }, vj.token)).body,
    );
    await expect.poll(() => tencent.group(room.groupId).sent.length, { timeout: 20_000 }).toBe(1);
    const back = await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token);
    expect(back).toMatchObject({ status: 200, body: { ok: true, resumed: true } });
    // Past the window, the studio beating as it should: the group stays.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token);
    }
    expect(tencent.group(room.groupId).dismissed).toBe(false);
    expect(commandsFor(room.groupId)).toEqual(['create_group', 'send_group_msg']);
    expect((await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token)).status).toBe(200);
    await expect.poll(() => tencent.group(room.groupId).dismissed).toBe(true);
  });

  it('retries a failed create_group, and refuses the room in plain words when every try fails', async () => {
    const vj = await signUp(p.httpUrl, 'vj_retry');
    tencent.failCommand('group_open_http_svc/create_group', 70169, 'server busy', 1);
    const once = await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Retry' }, vj.token);
    expect(once.status).toBe(201);
    const room = createdRoomSchema.parse(once.body);
    expect(commandsFor(room.groupId)).toEqual(['create_group', 'create_group']);
    expect(tencent.group(room.groupId).owner).toBe('vj_retry');
    expect(logLines.some((l) => /could not create the room’s chat group .*server busy.*try 2 of 3/.test(l))).toBe(true);

    const before = tencent.calls.length;
    tencent.failCommand('group_open_http_svc/create_group', 70169, 'server busy', IM_CALL_ATTEMPTS);
    const refused = await api<{ error: { code: string; message: string; zh: string } }>(
      p.httpUrl,
      'POST',
      '/api/v1/rooms',
      { title: 'Never' },
      vj.token,
    );
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toBe(
      'Tencent Cloud IM could not create the room’s chat group: Tencent IM refused the call (70169: server busy).',
    );
    expect(refused.body.error.zh).toMatch(/^腾讯云 IM 未能创建直播间的聊天群：/);
    const tries = tencent.calls.slice(before).filter((c) => c.command === 'group_open_http_svc/create_group');
    expect(tries).toHaveLength(IM_CALL_ATTEMPTS);
    // Nothing is left live: not the refused room, and not the one it replaced.
    const live = (await api<{ rooms: { title: string }[] }>(p.httpUrl, 'GET', '/api/v1/rooms')).body.rooms;
    expect(live.map((r) => r.title)).not.toContain('Never');
    expect(live.map((r) => r.title)).not.toContain('Retry');
  });
});
