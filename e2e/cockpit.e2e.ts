// The VJ's live cockpit in Chromium on the headless host with the embedded platform: go live, arrange the
// chat beside the preview by dragging its tab, reload and find the arrangement back; pop the chat out into
// its own tab and moderate a viewer's message from there (the viewer, on the real hub, sees it revoked);
// dock it back. The host's "joined" line shows once. Screenshots of two layouts in English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { api, ChatClient } from '../testSupport/platform';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';
import { goLive, selectFeedRow, signInAsVj, startPreview } from './support/studioPages';

let host: RunningHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];

function watch(p: Page): void {
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}

const group = (p: Page, panel: string) => p.locator(`.dv-groupview:has(.cockpit-panel-body[data-panel="${panel}"])`);
async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  watch(page);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the live cockpit', () => {
  let roomId = '';
  let viewer: ChatClient;
  const vjNick = 'DJ Kite';

  it('goes live and shows the live screen as panels, with the host joined once', async () => {
    await signInAsVj(page, host.url, { userId: 'vj_kite', nickname: vjNick });
    await page.getByTestId('account-bar').waitFor();
    await startPreview(page);
    const live = await goLive(page, 'Cockpit night');
    roomId = live.roomId;
    const platform = live.platform;

    await page.locator('[data-nav=live]').click();
    await page.getByTestId('cockpit').waitFor();
    // The tabs come with the remembered arrangement, a moment after the cockpit itself.
    for (const panel of ['preview', 'scenes', 'mixer', 'chat', 'figures', 'cohost', 'safety']) {
      const title = await panelTitle(page, panel);
      await expect.poll(() => page.locator(`.dv-tab`, { hasText: title }).count()).toBe(1);
    }
    await page.locator('.cockpit-panel-body[data-panel=preview] [data-testid=media-preview-frame]').waitFor();
    await page.locator('.cockpit-panel-body[data-panel=figures] [data-testid=live-bar]').waitFor();
    await page.locator('.cockpit-panel-body[data-panel=chat] [data-testid=chat-state]').waitFor();

    // A viewer on the real hub: a guest joins the room's chat.
    const guest = await api<{ token: string }>(platform, 'POST', '/api/v1/sessions/guest', { nickname: 'Wren' });
    const rooms = await api<{ rooms: { roomId: string; groupId: string }[] }>(platform, 'GET', '/api/v1/rooms');
    const groupId = rooms.body.rooms.find((r) => r.roomId === roomId)?.groupId ?? '';
    viewer = await ChatClient.connect(`${platform.replace(/^http/, 'ws')}/im`, guest.body.token);
    expect((await viewer.request({ type: 'join', groupId })).type).toBe('joined');
    const chat = page.locator('.cockpit-panel-body[data-panel=chat]');
    await chat.locator('.feed-row.kind-join', { hasText: 'Wren' }).waitFor({ timeout: 15_000 });
    // The studio sits in its room on two connections (its chat and its figures), and the room announced
    // the host once per connection. Now it is announced on the first one only: the studio's own chat shows
    // it once if its chat connection came first, not at all if the figures' did, never twice.
    expect(await chat.locator('.feed-row.kind-join', { hasText: vjNick }).count()).toBeLessThanOrEqual(1);
  });

  it('keeps the chat beside the preview across a reload', async () => {
    await page.getByTestId('cockpit-preset').selectOption('singleMonitor');
    const preview = group(page, 'preview');
    const chatTab = page.locator('.dv-tab', { hasText: 'Chat' });
    // Drag the chat's tab onto the right edge of the preview's group: dockview splits it there.
    const target = await box(preview.locator('.dv-content-container'));
    await chatTab.dragTo(preview.locator('.dv-content-container'), {
      targetPosition: { x: target.width - 12, y: target.height / 2 },
    });
    await expect.poll(() => page.getByTestId('cockpit').getAttribute('data-preset')).toBe('custom');
    const p = await box(preview);
    const c = await box(group(page, 'chat'));
    expect(c.x).toBeGreaterThanOrEqual(p.x + p.width - 2); // beside it, on its right
    expect(Math.abs(c.y - p.y)).toBeLessThan(4); // at the same height
    expect(Math.abs(c.height - p.height)).toBeLessThan(4);
    await shot(page, 'cockpit-1-chat-beside-preview');

    // The arrangement is saved a moment after the drop; then a reload finds it back.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('cockpit').waitFor();
    await expect.poll(() => page.getByTestId('cockpit').getAttribute('data-preset')).toBe('custom');
    await page.locator('.cockpit-panel-body[data-panel=chat] [data-testid=chat-state]').waitFor();
    const p2 = await box(group(page, 'preview'));
    const c2 = await box(group(page, 'chat'));
    for (const [a, b] of [
      [p, p2],
      [c, c2],
    ] as const) {
      expect(Math.abs(a.x - b.x)).toBeLessThan(3);
      expect(Math.abs(a.y - b.y)).toBeLessThan(3);
      expect(Math.abs(a.width - b.width)).toBeLessThan(3);
      expect(Math.abs(a.height - b.height)).toBeLessThan(3);
    }
  });

  it('pops the chat out into its own tab, moderates from there, and docks it back', async () => {
    const [popped] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('cockpit-pop-out-chat').click(),
    ]);
    watch(popped);
    await popped.getByTestId('popped-panel').waitFor();
    expect(await popped.getByTestId('popped-panel').getAttribute('data-panel')).toBe('chat');
    await expect.poll(() => page.locator('.cockpit-panel-body[data-panel=chat]').count()).toBe(0);
    await page.getByTestId('cockpit-dock-back-chat').waitFor();

    // A viewer's line arrives in the popped-out chat; D deletes it, and the viewer sees it revoked.
    const ack = await viewer.request({ type: 'send', groupId: await groupOf(viewer), elem: text('spam spam spam') });
    expect(ack.type).toBe('ack');
    const row = popped.locator('.feed-row', { hasText: 'spam spam spam' });
    await row.waitFor({ timeout: 15_000 });
    const id = (await row.getAttribute('data-id')) ?? '';
    await selectFeedRow(row);
    await popped.keyboard.press('d');
    await viewer.next('revoked', (f) => f.msgIds.includes(id), 10_000);
    await popped.locator(`.feed-row[data-id="${id}"].revoked`).waitFor();
    await shot(popped, 'cockpit-2-chat-popped-out');

    // Dock back from the popped-out tab: the chat returns to the live screen, the layout remembers it.
    const closed = popped.waitForEvent('close', { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    await popped.getByTestId('popped-dock-back').click();
    await page.locator('.cockpit-panel-body[data-panel=chat] [data-testid=chat-state]').waitFor({ timeout: 10_000 });
    await page.getByTestId('cockpit-pop-out-chat').waitFor();
    if (!(await closed)) await popped.getByTestId('popped-docked').waitFor();
    await page.locator(`.cockpit-panel-body[data-panel=chat] .feed-row[data-id="${id}"].revoked`).waitFor();
    await page.waitForTimeout(800);
    await page.reload();
    await page.locator('.cockpit-panel-body[data-panel=chat] [data-testid=chat-state]').waitFor();
    expect(await page.getByTestId('cockpit-dock-back-chat').count()).toBe(0);
  });

  it('reaches every panel by a key, hides one and brings it back, with labels', async () => {
    await page.getByTestId('cockpit-preset').selectOption('singleMonitor');
    // Alt+4 lands in the chat's feed, where its moderation keys work: ↑ selects the newest line.
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-feed');
    expect(
      await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.cockpit-panel-body')?.dataset.panel),
    ).toBe('chat');
    expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(true);
    // After the reload the feed fills from the room's history: the key moves over lines a person can see.
    await page.locator('.cockpit-panel-body[data-panel=chat] .feed-row').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('ArrowUp');
    await page.locator('.cockpit-panel-body[data-panel=chat] .feed-row.selected').waitFor();
    // Hide the mixer from its tab, then Alt+3 brings it back and goes to it.
    await page.locator('.dv-tab', { hasText: 'Audio mixer' }).click();
    await page.locator('.dv-tab', { hasText: 'Audio mixer' }).locator('.dv-default-tab-action').click();
    await expect.poll(() => page.getByTestId('cockpit-show-mixer').getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-panel'))).toBe('mixer');
    expect(await page.getByTestId('cockpit-show-mixer').getAttribute('aria-pressed')).toBe('true');
    for (const button of await page.locator('.cockpit-toolbar button').all())
      expect(await button.getAttribute('aria-label')).toBeTruthy();
  });

  it('shows the alert queue: what plays and what waits, pause, skip and a test alert of each type', async () => {
    // A gift alert that stays 15 s (the longest there is), so a skip is what takes it off before the next one.
    const { settings } = await studioCall<{ settings: { styles: Record<string, object> } }>(page, 'onstream.alerts');
    await studioCall(page, 'onstream.setAlertSettings', {
      styles: { ...settings.styles, gift: { ...settings.styles.gift, durationMs: 15_000 } },
    });
    await page.keyboard.press('Alt+9');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-panel'))).toBe('alerts');
    const panel = page.locator('.cockpit-panel-body[data-panel=alerts]');
    const showing = panel.getByTestId('alert-showing');
    await panel.getByTestId('alert-pause').click();
    await expect.poll(() => panel.getByTestId('alert-pause').getAttribute('aria-pressed')).toBe('true');
    for (const type of ['gift', 'likes']) {
      await panel.getByTestId('alert-test-type').selectOption(type);
      await panel.getByTestId('alert-test').click();
    }
    await expect
      .poll(() => panel.locator('[data-testid=alert-up-next] li').allInnerTexts())
      .toEqual(['Gift Test 测试 sent Rocket 火箭 ×100', 'Likes ♥ 100 likes!']);
    expect(await showing.innerText()).toContain('alerts are paused');
    expect(await panel.getByTestId('alert-skip').isDisabled()).toBe(true);
    await shot(page, 'cockpit-4-alertQueue-en');
    await panel.getByTestId('alert-pause').click();
    await expect.poll(() => showing.innerText()).toContain('Test 测试 sent Rocket 火箭 ×100');
    expect(await panel.getByTestId('alert-counts').innerText()).toMatch(/^1 waiting/);
    await panel.getByTestId('alert-skip').click();
    await expect.poll(() => showing.innerText(), { timeout: 10_000 }).toContain('♥ 100 likes!');
    expect(await panel.getByTestId('alert-counts').innerText()).toMatch(/^0 waiting/);
    await panel.getByTestId('alert-skip').click();
    await expect.poll(() => showing.innerText()).toContain('no alert.');
  });

  it('shows "Single monitor" and "Chat on the side" in English and Chinese', async () => {
    for (const [lang, suffix] of [
      ['en', 'en'],
      ['zh-CN', 'zh'],
    ] as const) {
      await page.goto(`${host.url}&lang=${lang}#/live`);
      await page.getByTestId('cockpit').waitFor();
      for (const preset of ['singleMonitor', 'chatOnTheSide'] as const) {
        await page.getByTestId('cockpit-preset').selectOption(preset);
        await expect.poll(() => page.getByTestId('cockpit').getAttribute('data-preset')).toBe(preset);
        // A group's first panel is the one shown: the figures, not the co-hosts or safety tabs beside them.
        await page.locator('.cockpit-panel-body[data-panel=figures] [data-testid=live-bar]').waitFor();
        await page.locator('.cockpit-panel-body[data-panel=preview] [data-testid=media-preview-frame]').waitFor();
        await page.waitForTimeout(300);
        await shot(page, `cockpit-3-${preset}-${suffix}`);
        expect(await untranslatedKeys(page)).toEqual([]);
      }
      if (lang === 'zh-CN') {
        await expect.poll(() => page.locator('.dv-tab', { hasText: '聊天' }).count()).toBe(1);
        expect(await page.getByTestId('cockpit-pop-out-chat').getAttribute('aria-label')).toBe('在独立窗口中打开聊天');
      }
    }
    // Chat on the side: the chat is a column the whole height of the dock, on the right.
    const dock = await box(page.getByTestId('cockpit-dock'));
    const chat = await box(group(page, 'chat'));
    expect(Math.abs(chat.x + chat.width - (dock.x + dock.width))).toBeLessThan(3);
    expect(Math.abs(chat.height - dock.height)).toBeLessThan(3);
    expect(cspViolations).toEqual([]);
  });
});

/** One call of the studio's API from the page, over the headless host's WebSocket with the page's own token. */
function studioCall<T = unknown>(p: Page, call: string, input: unknown = {}): Promise<T> {
  return p.evaluate(
    ([call, input]) =>
      new Promise<T>((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, call, input }));
        ws.onerror = () => reject(new Error(`${call}: the studio's API could not be reached`));
        ws.onmessage = (e) => {
          const m = JSON.parse(String(e.data)) as { id?: number; ok?: boolean; value?: T; error?: unknown };
          if (m.id !== 1) return;
          ws.close();
          if (m.ok) resolve(m.value as T);
          else reject(new Error(`${call}: ${JSON.stringify(m.error)}`));
        };
      }),
    [call, input] as const,
  );
}

const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });
async function groupOf(c: ChatClient): Promise<string> {
  const joined = c.frames.find((f) => f.type === 'joined');
  return joined?.type === 'joined' ? joined.groupId : '';
}
async function panelTitle(p: Page, panel: string): Promise<string> {
  return (await p.getByTestId(`cockpit-show-${panel}`).innerText()).replace(/\s*Alt\+\d$/, '');
}
