// The cloud-mode IM relay on the real platform, against the IM REST stand-in: who may do what in a room, what
// reaches Tencent (signed as the app admin, never by the studio), and Tencent's refusals in plain words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT, receivedMessage, standInModule } from '../../testSupport/tencentChatStandIn';
import { HttpBusinessServer, TencentChatService, type StudioError } from '../../testSupport/studioClients';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { verifyUserSig } from '../auth/userSig';
import { api, signUp, tempPlatform, type TempPlatform } from '../../testSupport/platform';
import { startCloudPlatform } from '../../testSupport/cloudPlatform';
import { postAfterSendMsg, type ImRestStandIn } from '../../testSupport/imRestStandIn';

const secretKey = 'relay-secret-key-0123456789abcdef0123456789abcdef';
const sdkAppId = 1400654321;
const imCallbackToken = 'relay-im-callback-token';
const sent = (from: string, msgSeq: number) =>
  postAfterSendMsg(p.httpUrl, { sdkAppId, token: imCallbackToken, groupId, from, msgSeq });
let tencent: ImRestStandIn;
let p: TempPlatform;
let vj: { token: string };
let mod: { token: string };
let fan: { token: string };
let groupId = '';

const relay = (command: string, body: unknown, token?: string) =>
  api<{ ActionStatus?: string; ErrorCode?: number; ErrorInfo?: string; ErrorInfoZh?: string }>(
    p.httpUrl,
    'POST',
    `/api/v1/im/${command}`,
    body,
    token,
  );

beforeAll(async () => {
  ({ platform: p, tencent } = await startCloudPlatform(
    { sdkAppId, secretKey, adminUserId: 'administrator' },
    { imCallbackToken, retryDelaysMs: [20] },
    { operators: [{ userId: 'op_relay', password: 'secret-pw' }] },
  ));
  vj = await signUp(p.httpUrl, 'vj_relay');
  mod = await signUp(p.httpUrl, 'mod_relay');
  fan = await signUp(p.httpUrl, 'fan_relay');
  groupId = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Relay' }, vj.token)).body,
  ).groupId;
});
afterAll(async () => {
  await p.cleanup();
  await tencent.close();
});

describe('IM relay (cloud mode)', () => {
  it('lets the host mute and unmute a viewer: the call reaches Tencent signed as the app admin', async () => {
    const r = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: groupId, Members_Account: ['fan_relay'], MuteTime: 600 },
      vj.token,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(tencent.group(groupId).muted.get('fan_relay')).toBeGreaterThan(Date.now() / 1000 + 590);
    const call = tencent.calls.at(-1)!;
    expect(call.command).toBe('group_open_http_svc/forbid_send_msg');
    expect(call.query.get('identifier')).toBe('administrator');
    expect(verifyUserSig(secretKey, call.query.get('usersig')!, { identifier: 'administrator', sdkAppId }).ok).toBe(
      true,
    );
    expect(call.body).toEqual({ GroupId: groupId, Members_Account: ['fan_relay'], MuteTime: 600 });

    expect(
      (
        await relay(
          'group_open_http_svc/forbid_send_msg',
          { GroupId: groupId, Members_Account: ['fan_relay'], MuteTime: 0 },
          vj.token,
        )
      ).body.ActionStatus,
    ).toBe('OK');
    expect(tencent.group(groupId).muted.has('fan_relay')).toBe(false);
    // The platform tells the room, as the IM admin (the one sender a studio believes), who did what.
    await expect
      .poll(() =>
        tencent
          .group(groupId)
          .sent.filter((m) => m.desc === 'moderation')
          .map((m) => JSON.parse(m.data)),
      )
      .toEqual([
        { type: 'moderation', action: 'mute', actor: 'vj_relay', target: 'fan_relay', detail: '600 s' },
        { type: 'moderation', action: 'unmute', actor: 'vj_relay', target: 'fan_relay' },
      ]);
    expect(tencent.group(groupId).sent.every((m) => m.from === 'administrator')).toBe(true);
  });

  it('refuses a viewer, a stranger and anyone without a token, and sends Tencent nothing', async () => {
    const before = tencent.calls.length;
    const asFan = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: groupId, Members_Account: ['vj_relay'], MuteTime: 60 },
      fan.token,
    );
    expect(asFan.status).toBe(403);
    expect(asFan.body.error?.message).toMatch(/Only the host and the room's moderators can mute/);
    expect(asFan.body.error?.zh).toBe('只有主播和房间管理员可以禁言。');
    expect(
      (
        await relay(
          'group_open_http_svc/group_msg_recall',
          { GroupId: groupId, MsgSeqList: [{ MsgSeq: 3 }] },
          fan.token,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await relay('group_open_http_svc/forbid_send_msg', {
          GroupId: groupId,
          Members_Account: ['fan_relay'],
          MuteTime: 60,
        })
      ).status,
    ).toBe(401);
    expect(
      (await relay('studio/set_moderator', { GroupId: groupId, Member_Account: 'fan_relay', Role: 'Admin' }, mod.token))
        .status,
    ).toBe(403);
    expect(tencent.calls.length).toBe(before);
  });

  it('names a moderator for the host only; the moderator may then mute, ban, unban, recall and mute the room, but not the host', async () => {
    const hostSetsModerator = (role: 'Admin' | 'Member') =>
      relay('studio/set_moderator', { GroupId: groupId, Member_Account: 'mod_relay', Role: role }, vj.token);
    const moderatorMutesFan = () =>
      relay(
        'group_open_http_svc/forbid_send_msg',
        { GroupId: groupId, Members_Account: ['fan_relay'], MuteTime: 60 },
        mod.token,
      );
    expect((await hostSetsModerator('Admin')).body.ActionStatus).toBe('OK');

    expect((await moderatorMutesFan()).body.ActionStatus).toBe('OK');
    expect(
      (
        await relay(
          'group_open_http_svc/ban_group_member',
          { GroupId: groupId, Members_Account: ['fan_relay'], Duration: 3600 },
          mod.token,
        )
      ).body.ActionStatus,
    ).toBe('OK');
    expect(tencent.group(groupId).banned.has('fan_relay')).toBe(true);
    expect(
      (
        await relay(
          'group_open_http_svc/unban_group_member',
          { GroupId: groupId, Members_Account: ['fan_relay'] },
          mod.token,
        )
      ).body.ActionStatus,
    ).toBe('OK');
    expect(tencent.group(groupId).banned.has('fan_relay')).toBe(false);
    expect((await sent('fan_relay', 7)).status).toBe(200);
    const recall = await relay(
      'group_open_http_svc/group_msg_recall',
      { GroupId: groupId, MsgSeqList: [{ MsgSeq: 7 }] },
      mod.token,
    );
    expect(recall.body).toMatchObject({ ActionStatus: 'OK', RecallRetList: [{ MsgSeq: 7, RetCode: 0 }] });
    expect(tencent.group(groupId).recalled).toContain(7);
    expect(
      (await relay('group_open_http_svc/modify_group_base_info', { GroupId: groupId, MuteAllMember: 'On' }, mod.token))
        .body.ActionStatus,
    ).toBe('OK');
    expect(tencent.group(groupId).muteAll).toBe(true);

    const onHost = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: groupId, Members_Account: ['vj_relay'], MuteTime: 60 },
      mod.token,
    );
    expect(onHost.status).toBe(403);
    expect(onHost.body.error?.message).toMatch(/cannot mute the host or another moderator/);
    expect(onHost.body.error?.zh).toBe('不能对主播或其他管理员禁言。');
    const onSelf = await relay(
      'group_open_http_svc/ban_group_member',
      { GroupId: groupId, Members_Account: ['mod_relay'], Duration: 60 },
      mod.token,
    );
    expect(onSelf.status).toBe(400);
    expect(onSelf.body.error).toEqual({
      code: 'invalid_input',
      message: 'You cannot ban yourself.',
      zh: '不能对自己封禁。',
    });

    // Removed by the host: the relay refuses them from then on.
    expect((await hostSetsModerator('Member')).body.ActionStatus).toBe('OK');
    expect((await moderatorMutesFan()).status).toBe(403);
  });

  it('relays only the listed commands, with only their fields, for live rooms', async () => {
    const destroy = await relay('group_open_http_svc/destroy_group', { GroupId: groupId }, vj.token);
    expect(destroy.status).toBe(404);
    expect(destroy.body.error?.zh).toMatch(/^IM 中转不转发“group_open_http_svc\/destroy_group”/);
    const rename = await relay(
      'group_open_http_svc/modify_group_base_info',
      { GroupId: groupId, Name: 'pwned', MuteAllMember: 'Off' },
      vj.token,
    );
    expect(rename.status).toBe(400);
    expect(rename.body.error).toEqual({
      code: 'invalid_input',
      message: 'Unknown field: Name.',
      zh: '未知的字段：Name。',
    });
    const script = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: groupId, Members_Account: ['<script>'], MuteTime: 60 },
      vj.token,
    );
    expect(script.status).toBe(400);
    expect(script.body.error).toEqual({
      code: 'invalid_input',
      message: 'Members_Account.0: a user ID is 1–32 letters, digits, _ or -',
      zh: '“Members_Account.0”：用户 ID 是 1–32 个字母、数字、_ 或 -',
    });
    const ended = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: 'live_999999', Members_Account: ['fan_relay'], MuteTime: 60 },
      vj.token,
    );
    expect(ended.status).toBe(404);
    expect(ended.body.error?.zh).toBe('没有这个群组 ID 的直播间（直播可能已经结束）。');
  });

  it("passes Tencent's refusal back in plain words, and the studio's business-server client shows it", async () => {
    tencent.failNext(10010, 'group id invalid or group has been dismissed');
    const r = await relay(
      'group_open_http_svc/forbid_send_msg',
      { GroupId: groupId, Members_Account: ['fan_relay'], MuteTime: 60 },
      vj.token,
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 10010,
      ErrorInfo: 'The group does not exist or was dissolved.',
      ErrorInfoZh: '群组不存在或已解散。',
    });

    const studio = new HttpBusinessServer(p.httpUrl, mod.token);
    await expect(studio.muteMember(groupId, 'fan_relay', 60)).rejects.toThrow(
      /Only the host and the room's moderators can mute/,
    );
    // The studio's Chinese carries the platform's Chinese, not its English.
    const refused = await studio.muteMember(groupId, 'fan_relay', 60).then(
      () => null,
      (e: unknown) => e as StudioError,
    );
    expect(refused?.toJSON()).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining("Only the host and the room's moderators can mute"),
      zh: expect.stringContaining('只有主播和房间管理员可以禁言'),
    });
    expect(refused?.zh).not.toContain('Only the host');
    tencent.failNext(10010, 'group id invalid or group has been dismissed');
    const gone = await new HttpBusinessServer(p.httpUrl, vj.token).muteMember(groupId, 'fan_relay', 60).then(
      () => null,
      (e: unknown) => e as StudioError,
    );
    expect(gone?.zh).toContain('群组不存在或已解散');
    expect(gone?.message).toBe(
      'The business server refused (group_open_http_svc/forbid_send_msg): The group does not exist or was dissolved (code 10010).',
    );
    expect(gone?.zh).toBe(
      '业务服务器拒绝了请求（group_open_http_svc/forbid_send_msg）：群组不存在或已解散（错误码 10010）。',
    );
    const host = new HttpBusinessServer(p.httpUrl, vj.token);
    await host.setModerator(groupId, 'mod_relay', true);
    await studio.muteMember(groupId, 'fan_relay', 120);
    expect(tencent.group(groupId).muted.get('fan_relay')).toBeGreaterThan(Date.now() / 1000 + 110);
    await studio.unbanMember(groupId, 'fan_relay');
  });

  it("carries a moderator's kick, ban and delete from the studio's Tencent adapter through the platform to Tencent", async () => {
    const sdk = standInModule();
    const studio = new TencentChatService({
      sdk,
      sdkAppId,
      userId: 'mod_relay',
      userSig: 'sig',
      groupId,
      business: new HttpBusinessServer(p.httpUrl, mod.token),
    });
    expect((await studio.connect()).role).toBe('moderator');
    expect((await sent('viewer-1', 91)).status).toBe(200);
    sdk.instances[0]!.fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({ ID: 'spam-1', to: groupId, type: 'TIMTextElem', payload: { text: 'spam' }, sequence: 91 }),
    ]);
    await studio.revoke('spam-1');
    await studio.kick('fan_relay');
    expect(tencent.group(groupId).recalled).toContain(91);
    const kickedUntil = tencent.group(groupId).banned.get('fan_relay')!;
    expect(kickedUntil - Date.now() / 1000).toBeLessThanOrEqual(60);
    await studio.ban('fan_relay', 3600);
    expect(tencent.group(groupId).banned.get('fan_relay')! - Date.now() / 1000).toBeGreaterThan(3500);
    // The host takes the moderator's role away: the platform refuses the next ban in plain words.
    await new HttpBusinessServer(p.httpUrl, vj.token).setModerator(groupId, 'mod_relay', false);
    await expect(studio.ban('fan_relay', 60)).rejects.toThrow(/Only the host and the room's moderators can ban/);
    await studio.disconnect();
  });

  it('is not there in local mode', async () => {
    const local = await tempPlatform();
    try {
      const owner = await signUp(local.httpUrl, 'vj_local_relay');
      const room = createdRoomSchema.parse(
        (await api(local.httpUrl, 'POST', '/api/v1/rooms', { title: 'Local' }, owner.token)).body,
      );
      const r = await api(
        local.httpUrl,
        'POST',
        '/api/v1/im/group_open_http_svc/forbid_send_msg',
        { GroupId: room.groupId, Members_Account: ['x'], MuteTime: 60 },
        owner.token,
      );
      expect(r.status).toBe(404);
      expect(r.body.error?.message).toMatch(/cloud mode/);
      expect(r.body.error?.zh).toMatch(/云模式/);
    } finally {
      await local.cleanup();
    }
  });
});
