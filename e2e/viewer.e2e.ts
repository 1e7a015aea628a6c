// The platform's viewer page in Chromium: a guest opens the live list, watches a test-pattern stream pushed by
// real ffmpeg over signed RTMP, chats (markup stays text), sends a gift and asks to join on video.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { defaultFfmpegLocation } from '../main/system';
import { createdRoomSchema } from '../common/platformApi/schemas';
import { api, ChatClient, signUp, tempPlatform } from '../testSupport/platform';
import { lavfiPushArgs } from '../testSupport/lavfiPushArgs';
import { launchChromium, shot } from './harness';

let p: Awaited<ReturnType<typeof tempPlatform>>;
let browser: Browser;
let ffmpeg: ChildProcess | null = null;

beforeAll(async () => {
  p = await tempPlatform({ hls: true });
  browser = await launchChromium();
});
afterAll(async () => {
  ffmpeg?.kill('SIGKILL');
  await browser?.close();
  await p?.cleanup();
});

describe('viewer page', () => {
  it('watches a live test pattern, chats, sends a gift and requests to join on video', async () => {
    const vj = await signUp(p.httpUrl, 'vj_e2e', 'DJ Test');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Test pattern night' }, vj.token)).body,
    );
    const host = await ChatClient.connect(p.imUrl, vj.token);
    await host.request({ type: 'join', groupId: room.groupId });
    const loc = defaultFfmpegLocation();
    ffmpeg = spawn(
      loc.found ? loc.path : 'ffmpeg',
      lavfiPushArgs(room.pushUrl, {
        video: 'testsrc2=size=320x180:rate=15',
        audio: 'sine=frequency=440',
        seconds: 60,
        gop: 15,
      }),
      { stdio: 'ignore' },
    );

    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(p.httpUrl);
    await page.getByRole('button', { name: 'Watch as a guest' }).click();
    const card = page.locator(`[data-room-id="${room.roomId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('Test pattern night');
    await shot(page, 'viewer-list');
    await card.click();

    // Watching: the video element advances through the live stream (FLV via mpegts.js).
    await page.waitForFunction(
      () => {
        const v = document.querySelector('video');
        return !!v && v.readyState >= 2 && v.currentTime > 1 && v.videoWidth === 320;
      },
      undefined,
      { timeout: 40_000 },
    );

    // Chat both ways; markup from anyone stays text.
    await page.locator('.messages .system').first().waitFor();
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold?</b>';
    await host.request({ type: 'send', groupId: room.groupId, elem: { type: 'TIMTextElem', payload: { text: evil } } });
    const line = page.locator('.messages li', { hasText: 'bold?' });
    await line.waitFor();
    expect(await line.locator('.text').textContent()).toBe(evil);
    expect(await page.locator('.messages img, .messages b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.locator('#chatInput').fill('hello from the viewer page');
    await page.locator('#chatForm button').click();
    const heard = await host.next('messages', (f) =>
      f.messages.some(
        (m) => m.type === 'TIMTextElem' && (m.payload as { text: string }).text === 'hello from the viewer page',
      ),
    );
    expect(heard.messages[0]!.sender.role).toBe('Member');

    // A gift: the balance drops by the price, the room sees a High-priority gift message.
    expect(await page.locator('#balance').textContent()).toContain('200');
    await page.locator('[data-gift-id="heart"]').click();
    await page.locator('#balance', { hasText: '190' }).waitFor();
    const gift = await host.next('messages', (f) =>
      f.messages.some((m) => m.type === 'TIMCustomElem' && m.priority === 'High'),
    );
    expect(
      JSON.parse((gift.messages.find((m) => m.type === 'TIMCustomElem')!.payload as { data: string }).data),
    ).toMatchObject({ type: 'gift', giftId: 'heart', count: 1 });
    await page.locator('.messages li.gift').waitFor();

    // Request to join on video: a C2C custom message reaches the host.
    await page.locator('#cohost').click();
    const req = await host.next('c2c');
    expect(JSON.parse(req.message.payload.data)).toMatchObject({ type: 'cohost.request', roomId: room.roomId });

    await page.locator('#like').click();
    await page.locator('#like', { hasText: '(1)' }).waitFor();
    await shot(page, 'viewer-room');

    // Chinese strings.
    await page.locator('#lang').click();
    await page.locator('#cohost', { hasText: '申请连麦' }).waitFor();
    await shot(page, 'viewer-room-zh');
    expect(pageErrors).toEqual([]);
    host.close();
  });

  it('shows a refusal in the language of the page', async () => {
    await signUp(p.httpUrl, 'viewer_zh', 'Viewer');
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(p.httpUrl);
      const signIn = async () => {
        await page.locator('#login input[name="userId"]').fill('viewer_zh');
        await page.locator('#login input[name="password"]').fill('not-the-password');
        await page.locator('#login button[type="submit"]').click();
      };
      await signIn();
      const english = page.locator('#signinError');
      await english.filter({ hasText: /\w/ }).waitFor();
      const en = (await english.textContent()) ?? '';
      expect(en).toMatch(/[A-Za-z]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);

      await page.locator('#lang').click();
      await page.evaluate(() => ((document.getElementById('signinError') as HTMLElement).textContent = ''));
      await signIn();
      await english.filter({ hasText: /[\u4e00-\u9fff]/ }).waitFor();
      const zh = (await english.textContent()) ?? '';
      console.log(`refusal: "${en}" / "${zh}"`);
      expect(zh).not.toBe(en);
      await shot(page, 'viewer-refusal-zh');
    } finally {
      await context.close();
    }
  });
});
