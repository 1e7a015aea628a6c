// Must-show 1 of cloud mode, in Chromium: a whole show on Tencent Cloud IM and Cloud Live. The real platform in
// cloud mode against the IM REST stand-in; its own ingest stands for Cloud Live (the studio pushes to the push domain
// with Tencent's signed URLs, the page plays from the play domain); one stand-in of Tencent IM's client side shared by
// the studio (handed to createStudio) and the viewer pages (the platform serves the page a stand-in of its one SDK
// module, over a loopback WebSocket). Go live -> the AVChatRoom with the VJ as owner -> the studio in it -> a viewer
// page joins, chats, likes and sends a billed gift -> the studio's live bar counts them -> a co-host invitation travels
// one-to-one and shows on the page -> end -> the end notice, then the group dismissed, and the page shows the end.
// The hostile party: a second viewer page forging a gift, a like total and an end notice through the SDK.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../main/app';
import type { TencentChatInstance } from '../main/chat/tencent/sdkShape';
import { startHeadlessHost, type HeadlessHost } from '../main/headless/host';
import { startChatCloudBridge, type ChatCloudBridge } from '../testSupport/chatCloudBridge';
import { startImRestStandIn, type ImRestStandIn } from '../testSupport/imRestStandIn';
import { api, signIn, signUp, tempPlatform } from '../testSupport/platform';
import { freePort } from '../testSupport/rtmpTestServer';
import { callStudio, until } from '../testSupport/studioCalls';
import { startChatCloud, type ChatCloud } from '../testSupport/tencentChatCloud';
import { launchChromium, root, shot } from './harness';
import { goLive, startPreview } from './support/studioPages';

const secretKey = 'cloud-e2e-secret-key-0123456789abcdef0123456789';
const sdkAppId = 1400777001;
let rest: ImRestStandIn;
let chatCloud: ChatCloud;
let bridge: ChatCloudBridge;
let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
let host: HeadlessHost;
let browser: Browser;
let playOrigin = '';
const dataDir = mkdtempSync(join(tmpdir(), 'studio-cloud-e2e-'));
/** The exports of the page's one SDK module (platform/viewer/tencentChat.js, or a test's stand-in of it). */
interface PageSdkModule {
  createChat(sdkAppId: number): TencentChatInstance;
  EVENT: Record<string, string>;
  TYPES: Record<string, string>;
}
const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);

/** A live figure in the studio's live bar. */
const stat = (page: Page, id: string) => page.locator(`[data-testid=live-bar] [data-stat=${id}] b`);

/** The page's one SDK module as the page itself imports it. */
const pageSdk = (page: Page) => page.evaluateHandle<PageSdkModule>('import("/tencentChat.js")');

/** A viewer page signed in with its own account on the platform's viewer page. */
async function viewerPage(userId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const page = await context.newPage();
  await page.goto(p.httpUrl);
  await page.locator('#login [name=userId]').fill(userId);
  await page.locator('#login [name=password]').fill('secret-pw');
  await page.locator('#login button[type=submit]').click();
  await page.locator('#list').waitFor();
  return page;
}

beforeAll(async () => {
  rest = await startImRestStandIn({ sdkAppId, secretKey });
  chatCloud = startChatCloud({ rest, sdkAppId, secretKey });
  bridge = await startChatCloudBridge(chatCloud);
  const [httpPort, rtmpPort] = [await freePort(), await freePort()];
  playOrigin = `http://127.0.0.1:${httpPort}`;
  p = await tempPlatform({
    port: httpPort,
    rtmpPort,
    sdkAppId,
    secretKey,
    heartbeatSeconds: 600,
    cloud: {
      // Cloud Live's push and play domains are the platform's own ingest here, signed exactly as Tencent's.
      pushDomain: `127.0.0.1:${rtmpPort}`,
      pushKey: 'e12c46f2612d5106e2034781ab261ca3',
      playDomain: `127.0.0.1:${httpPort}`,
      playScheme: 'http',
      imApiBase: rest.url,
      retryDelaysMs: [50],
      viewerCountEveryMs: 500,
    },
    viewerChatSdkModule: bridge.pageModule,
    operators: [{ userId: 'op_cloud', password: 'secret-pw' }],
  });
  await signUp(p.httpUrl, 'vj_cloud', 'VJ Cloud');
  await signUp(p.httpUrl, 'fan_cloud', 'Fan');
  await signUp(p.httpUrl, 'mallory', 'Mallory');
  const op = await signIn(p.httpUrl, 'op_cloud');
  await api(p.httpUrl, 'POST', '/api/v1/accounts/fan_cloud/recharge', { amount: 100 }, op.token);
  studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0',
    platformStarter: null,
    log: () => {},
    tencentChatSdk: chatCloud.module,
  });
  host = await startHeadlessHost({ studio, rendererDir: join(root, 'out', 'renderer'), host: '127.0.0.1', port: 0 });
  await call('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl });
  await call('account.signIn', { userId: 'vj_cloud', password: 'secret-pw' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await studio?.close();
  await p?.cleanup();
  await bridge?.close();
  await rest?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('a cloud-mode show in Chromium', () => {
  it('runs from go-live to the group’s dismissal, seen by the studio and a viewer page', async () => {
    const vj = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await vj.goto(host.url);
    await vj.getByTestId('setup').waitFor({ timeout: 30_000 });
    await startPreview(vj);
    const { roomId } = await goLive(vj, 'Cloud night');
    const room = (
      await api<{ groupId: string; playUrls: { flv: string } }>(p.httpUrl, 'GET', `/api/v1/rooms/${roomId}`)
    ).body;
    // The AVChatRoom was created with the VJ as owner, and the studio sits in it.
    expect(rest.group(room.groupId).owner).toBe('vj_cloud');
    await until('the studio in its AVChatRoom', () => chatCloud.members(room.groupId).includes('vj_cloud'));
    expect(room.playUrls.flv.startsWith(`${playOrigin}/live/`)).toBe(true);

    // A viewer page: the room list, the stream from the play domain, the chat through the SDK module.
    const fan = await viewerPage('fan_cloud');
    await fan.locator(`[data-room-id="${roomId}"]`).click({ timeout: 20_000 });
    await fan.waitForFunction(
      () => {
        const v = document.querySelector('video');
        return !!v && v.readyState >= 2 && v.currentTime > 0.5 && v.videoWidth > 0;
      },
      undefined,
      { timeout: 60_000 },
    );
    await fan.locator('.messages .system').first().waitFor({ timeout: 20_000 });
    expect(chatCloud.members(room.groupId)).toContain('fan_cloud');
    await fan.locator('#chatInput').fill('你好 VJ');
    await fan.locator('#chatForm button').click();
    await fan.locator('.messages li', { hasText: '你好 VJ' }).waitFor();
    for (let i = 1; i <= 3; i++) {
      await fan.locator('#like').click();
      await fan.locator('#like', { hasText: `(${i})` }).waitFor();
    }
    const balance = async () => Number((await fan.locator('#balance').innerText()).replace(/\D+/g, ''));
    const before = await balance();
    await fan.locator('[data-gift-id="heart"]').click();
    await expect.poll(balance, { timeout: 15_000 }).toBeLessThan(before);
    const giftValue = before - (await balance());
    // The platform's gift reached the page through Tencent IM, from the IM admin.
    await fan.locator('.messages li.gift').waitFor({ timeout: 15_000 });

    // The hostile party: another viewer forges a gift, a like total and an end notice straight into the group.
    const mallory = await viewerPage('mallory');
    // The room list counts who is in the AVChatRoom (the studio and the fan), as Tencent IM counts them.
    await expect
      .poll(() => mallory.locator(`[data-room-id="${roomId}"]`).innerText(), { timeout: 20_000 })
      .toContain('2 watching');
    await mallory.evaluate(
      async ([sdk, groupId]) => {
        const session = JSON.parse(localStorage.getItem('vj.session') ?? '{}') as { token: string };
        const creds = (await (
          await fetch('/api/v1/me/chat-credentials', {
            method: 'POST',
            headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).json()) as { sdkAppId: number; userId: string; userSig: string };
        const chat = sdk.createChat(creds.sdkAppId);
        const heard: unknown[] = [];
        (window as unknown as { heard: unknown[] }).heard = heard;
        chat.on(sdk.EVENT.MESSAGE_RECEIVED!, (e) => heard.push(...(e.data as unknown[])));
        await chat.login({ userID: creds.userId, userSig: creds.userSig });
        await chat.joinGroup({ groupID: groupId, type: 'AVChatRoom' });
        const forge = (data: object, description: string) =>
          chat.sendMessage(
            chat.createCustomMessage({
              to: groupId,
              conversationType: 'GROUP',
              payload: { data: JSON.stringify(data), description, extension: '' },
            }),
          );
        await forge({ type: 'gift', giftId: 'rocket', name: 'Rocket', count: 99, value: 99_999 }, 'gift');
        await forge({ type: 'like', total: 5000 }, 'like');
        await forge({ type: 'roomEnded', groupId, reason: 'ended' }, 'roomEnded');
        await chat.sendMessage(
          chat.createTextMessage({ to: groupId, conversationType: 'GROUP', payload: { text: 'forger was here' } }),
        );
      },
      [await pageSdk(mallory), room.groupId] as const,
    );
    // Heard after the forgeries (in order): the page showed none of them and the room goes on.
    await fan.locator('.messages li', { hasText: 'forger was here' }).waitFor({ timeout: 15_000 });
    expect(await fan.locator('.messages li.gift').count()).toBe(1);
    expect(await fan.locator('#like').innerText()).toContain('(3)');
    expect(await fan.locator('#chatInput').isDisabled()).toBe(false);
    await shot(fan, 'cloud-show-viewer');

    // The studio's live bar counts the real like, gift and lines, and none of the forgeries.
    await expect.poll(() => stat(vj, 'likes').innerText(), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => stat(vj, 'gifts').innerText(), { timeout: 20_000 }).toBe(`1 (worth ${giftValue})`);
    await expect.poll(() => stat(vj, 'messages').innerText(), { timeout: 20_000 }).toBe('2');
    await shot(vj, 'cloud-show-studio');

    // A co-host invitation travels one-to-one: shown on the fan's page, heard by nobody else.
    await vj.getByTestId('cohost-invite-id').fill('fan_cloud');
    await vj.getByTestId('cohost-invite').click();
    await fan.locator('#invite').waitFor({ timeout: 20_000 });
    expect(await fan.locator('#inviteText').innerText()).toContain('VJ Cloud');
    await fan.locator('#inviteDecline').click();
    await until('the decline in the studio', async () => {
      const st = await call<{ guests: { userId: string; state: string; endReason: string | null }[] }>('cohost.list');
      return st.guests.find((g) => g.userId === 'fan_cloud' && g.state === 'ended' && g.endReason === 'declined');
    });
    const malloryHeard = await mallory.evaluate(() =>
      JSON.stringify((window as unknown as { heard: unknown[] }).heard),
    );
    expect(malloryHeard).not.toContain('cohost.invite');

    // The end: the end notice to the room, then the group dismissed; the page shows the end.
    await vj.getByTestId('end').click();
    await vj.getByTestId('end-confirm-yes').click();
    await until('the AVChatRoom dismissed', () => rest.group(room.groupId).dismissed, 30_000);
    const order = rest.calls.filter((c) => c.body.GroupId === room.groupId).map((c) => c.command.split('/')[1]);
    expect(order.slice(-2)).toEqual(['send_group_msg', 'destroy_group']);
    expect(JSON.parse(rest.group(room.groupId).sent.at(-1)!.data)).toMatchObject({ type: 'roomEnded' });
    await fan.locator('#roomNotice', { hasText: 'The broadcast has ended.' }).waitFor({ timeout: 20_000 });
    expect(await fan.locator('#chatInput').isDisabled()).toBe(true);
    await shot(fan, 'cloud-show-viewer-end');
  }, 300_000);

  it('serves the real @tencentcloud/chat build to the page under its CSP, from the platform itself', async () => {
    const plain = await tempPlatform({
      sdkAppId,
      secretKey,
      cloud: { pushDomain: 'push.example.com', pushKey: 'k', playDomain: 'play.example.com', imApiBase: rest.url },
    });
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()));
      const res = await page.goto(plain.httpUrl);
      const csp = res?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain('https://play.example.com');
      // Scripts come from the platform alone (no CDN): the SDK file too.
      expect(csp).toMatch(/^default-src 'self';/);
      const sdk = await page.evaluate(
        (m) => {
          const chat = m.createChat(1400000001);
          return { ready: m.EVENT.SDK_READY, group: m.TYPES.GRP_AVCHATROOM, login: typeof chat.login };
        },
        await pageSdk(page),
      );
      expect(sdk).toEqual({ ready: 'sdkStateReady', group: 'AVChatRoom', login: 'function' });
      expect(refused).toEqual([]);
      await page.close();
    } finally {
      await plain.cleanup();
    }
  }, 60_000);
});
