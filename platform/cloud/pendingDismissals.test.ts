// Rooms ended for lost heartbeats keep their IM groups through the resume window: the groups waiting for their
// dismissal are bounded (MAX_PENDING_DISMISSALS), the oldest dismissed at once past the bound, through IM REST
// against the stand-in; a kept group's dismissal is dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImRestStandIn, type ImRestStandIn } from '../../testSupport/imRestStandIn';
import { CloudRoomChat, MAX_PENDING_DISMISSALS } from './cloudRoomChat';
import { ImRestClient } from './imRestClient';

const secretKey = 'pending-secret-key-0123456789abcdef0123456789abcd';
const sdkAppId = 1400777002;
let tencent: ImRestStandIn;
let chat: CloudRoomChat;

beforeAll(async () => {
  tencent = await startImRestStandIn({ sdkAppId, secretKey });
  const im = new ImRestClient({ baseUrl: tencent.url, sdkAppId, secretKey, adminUserId: 'administrator' });
  chat = new CloudRoomChat(im, { log: () => {}, retryDelaysMs: [0] });
});
afterAll(async () => {
  chat?.stop();
  await tencent?.close();
});

describe('groups waiting out the resume window', () => {
  it('are at most MAX_PENDING_DISMISSALS; past it the oldest goes at once; a kept one is never dismissed', async () => {
    const groups = Array.from({ length: MAX_PENDING_DISMISSALS + 1 }, (_, i) => `live_${i + 1}`);
    for (const g of groups) await chat.open({ groupId: g, ownerId: 'vj', ownerNickname: 'VJ', title: g });
    for (const g of groups.slice(0, -1)) await chat.close(g, 'heartbeat_lost', 60_000);
    expect(chat.pendingDismissalCount).toBe(MAX_PENDING_DISMISSALS);
    expect(groups.some((g) => tencent.group(g).dismissed)).toBe(false);

    await chat.close(groups.at(-1)!, 'heartbeat_lost', 60_000);
    expect(chat.pendingDismissalCount).toBe(MAX_PENDING_DISMISSALS);
    await expect.poll(() => tencent.group(groups[0]!).dismissed).toBe(true);
    expect(tencent.group(groups[1]!).dismissed).toBe(false);

    expect(chat.keep(groups[1]!)).toBe(true);
    expect(chat.keep(groups[1]!)).toBe(false);
    expect(chat.pendingDismissalCount).toBe(MAX_PENDING_DISMISSALS - 1);
  }, 120_000);
});
