// Cloud mode: the live list's viewer count is Tencent IM's online count of the room's AVChatRoom (it read the
// platform's own chat hub, always 0 in cloud mode). Real platform, IM REST stand-in and the shared chat cloud
// stand-in: viewers signed in with the platform's UserSigs join and leave, a failing count keeps the last one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, signUp, type TempPlatform } from '../../testSupport/platform';
import { startCloudPlatform } from '../../testSupport/cloudPlatform';
import type { ImRestStandIn } from '../../testSupport/imRestStandIn';
import { startChatCloud, type ChatCloud } from '../../testSupport/tencentChatCloud';

const secretKey = 'viewer-count-secret-key-0123456789abcdef01234567';
const sdkAppId = 1400777002;
let tencent: ImRestStandIn;
let chatCloud: ChatCloud;
let p: TempPlatform;
const logLines: string[] = [];

beforeAll(async () => {
  ({ platform: p, tencent } = await startCloudPlatform(
    { sdkAppId, secretKey },
    { retryDelaysMs: [20], viewerCountEveryMs: 100 },
    { heartbeatSeconds: 600, log: (l) => logLines.push(l) },
  ));
  chatCloud = startChatCloud({ rest: tencent, sdkAppId, secretKey });
});
afterAll(async () => {
  await p.cleanup();
  await tencent.close();
});

/** A viewer in the room's AVChatRoom, signed in with the UserSig the platform gave their own account. */
async function viewerJoins(userId: string, groupId: string) {
  const s = await signUp(p.httpUrl, userId);
  const creds = await api<{ userSig: string }>(p.httpUrl, 'POST', '/api/v1/me/chat-credentials', {}, s.token);
  const chat = chatCloud.module.create({ SDKAppID: sdkAppId });
  await chat.login({ userID: userId, userSig: creds.body.userSig });
  await chat.joinGroup({ groupID: groupId, type: 'AVChatRoom' });
  return chat;
}

const listedCount = async (roomId: string) => {
  const list = await api<{ rooms: { roomId: string; viewerCount: number }[] }>(p.httpUrl, 'GET', '/api/v1/rooms');
  return list.body.rooms.find((r) => r.roomId === roomId)?.viewerCount;
};

describe('the live list in cloud mode', () => {
  it('counts who is in the room’s AVChatRoom, and keeps the last count while Tencent cannot tell', async () => {
    // Nobody reads the list yet: Tencent is not asked.
    const asked = () => tencent.calls.filter((c) => c.command === 'group_open_http_svc/get_online_member_num').length;
    const vj = await signUp(p.httpUrl, 'vj_count', 'VJ Count');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Counted' }, vj.token)).body,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(asked()).toBe(0);
    expect(await listedCount(room.roomId)).toBe(0);
    const one = await viewerJoins('fan_one', room.groupId);
    await viewerJoins('fan_two', room.groupId);
    await expect.poll(() => listedCount(room.roomId), { timeout: 10_000 }).toBe(2);
    const detail = await api<{ viewerCount: number }>(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`);
    expect(detail.body.viewerCount).toBe(2);

    // Tencent cannot answer for a while: the list keeps showing the last count, and the platform's log says why once.
    tencent.failCommand('group_open_http_svc/get_online_member_num', 70398, 'service busy', 1000);
    await one.quitGroup(room.groupId);
    await expect
      .poll(
        async () => {
          // Reading the list is what asks Tencent again.
          expect(await listedCount(room.roomId)).toBe(2);
          return logLines.filter((l) => l.includes(`viewer count of ${room.groupId}`)).length;
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(logLines.filter((l) => l.includes(`viewer count of ${room.groupId}`))).toHaveLength(1);
    expect(await listedCount(room.roomId)).toBe(2);
    tencent.failCommand('group_open_http_svc/get_online_member_num', 0, '', 0);
    await expect.poll(() => listedCount(room.roomId), { timeout: 10_000 }).toBe(1);
  });
});
