// Must-show 3: an XSS and bad-input corpus through the feed in Chromium. Viewers on the REAL platform
// (embedded here on loopback) send it through the chat hub; the built headless host's studio receives
// it through its platform adapter and the Chat screen shows it. Nothing may execute, nothing may break
// the layout. Also: "N new messages" while scrolled up, the user card, moderation from the line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { createdRoomSchema } from '../common/platformApi/schemas';
import { api, ChatClient, signUp, tempPlatform } from '../testSupport/platform';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';
import { selectFeedRow } from './support/studioPages';

let platform: Awaited<ReturnType<typeof tempPlatform>>;
let host: RunningHost;
let browser: Browser;
let studioWs: WebSocket;
let groupId = '';
let roomId = '';
let vjToken = '';
const viewers: { c: ChatClient; userId: string; nick: string }[] = [];

/** One call of the studio API over the host's WebSocket, like the renderer does. */
let nextId = 1;
function call<T = unknown>(name: string, input: unknown): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as { id?: number; ok?: boolean; value?: T; error?: { message: string } };
      if (m.id !== id) return;
      studioWs.off('message', onMessage);
      if (m.ok) resolve(m.value as T);
      else reject(new Error(m.error?.message));
    };
    studioWs.on('message', onMessage);
    studioWs.send(JSON.stringify({ id, call: name, input }));
  });
}

/** Selects the feed line of message `id` as a moderator does. */
const selectLine = (page: Page, id: string) => selectFeedRow(page.locator(`.feed-row[data-id="${id}"]`));

const nicks = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(2)>',
  "{{constructor.constructor('alert(3)')()}}".slice(0, 40),
  '𝕍𝕀ℙ 管理员 🎉',
];
const corpus = [
  '<script>alert("xss")</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg/onload=window.__pwned=2>',
  '"><iframe src="javascript:window.__pwned=3"></iframe>',
  'javascript:window.__pwned=4//',
  '<a href="javascript:alert(5)">click me</a>',
  '<style>*{display:none!important}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>',
  '{{count}} {{constructor}} $' + '{alert(7)}',
  '&lt;b&gt;entities&lt;/b&gt; &amp; &#60;script&#62;',
  'W'.repeat(1800),
  '一二三四五六七八九十'.repeat(150),
  'Z̸̢̛̙̗̞̘̮͇̝͍̻̹̩̓̃̈́̍͒̆̆̚͠a̴̡̛̙̲̜̣̱̥͈͑̑̈́l̸̨̛͕̖͖̉͋̇̀̂̏͘g̶̢̧̻̰̝͔̿̀̀̆̆ȍ̵̧̗̮̳̤͖̱̿̋̀̂͝'.repeat(10),
  'line one\nline two\n\n\nline five',
  '\t\ttabs\tand\u00a0no-break\u200bzero-width',
  '👨‍👩‍👧‍👦🏳️‍🌈🇨🇳'.repeat(40),
  '</div></div></main><h1 style="font-size:400px">BIG</h1>',
  '%3Cscript%3Ealert(8)%3C%2Fscript%3E',
  '${7*7} #{7*7} <%= 7*7 %>',
  'END-OF-CORPUS',
];

beforeAll(async () => {
  // No heartbeats in this test: a long interval keeps the room live however slow the machine is.
  platform = await tempPlatform({ heartbeatSeconds: 600, chat: { userBurst: 200, userPerSecond: 200 } });
  host = await startHost();
  browser = await launchChromium();
  const vj = await signUp(platform.httpUrl, 'vj_e2e_chat', 'VJ');
  const room = createdRoomSchema.parse(
    (await api(platform.httpUrl, 'POST', '/api/v1/rooms', { title: 'XSS night' }, vj.token)).body,
  );
  groupId = room.groupId;
  roomId = room.roomId;
  vjToken = vj.token;
  studioWs = new WebSocket(host.url.replace(/^http/, 'ws').replace('/?token=', '/api?token='));
  await new Promise((r, j) => (studioWs.once('open', r), studioWs.once('error', j)));
  await call('chat.connect', {
    mode: 'platform',
    platformUrl: platform.httpUrl,
    token: vj.token,
    userId: vj.userId,
    roomId: groupId,
  });
  for (const [i, nick] of nicks.entries()) {
    const s = await signUp(platform.httpUrl, `xss_viewer_${i}`, nick);
    const c = await ChatClient.connect(platform.imUrl, s.token);
    expect((await c.request({ type: 'join', groupId })).type).toBe('joined');
    viewers.push({ c, userId: s.userId, nick });
  }
});
afterAll(async () => {
  for (const v of viewers) v.c.close();
  studioWs?.close();
  await browser?.close();
  await host?.stop();
  await platform?.cleanup();
});

async function openChat(lang = 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  (page as unknown as { dialogs: string[] }).dialogs = dialogs;
  await page.addInitScript(`
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      window[name] = (...args) => { window.__xss.push(name + ':' + args.join(',')); };
    }
  `);
  await page.goto(`${host.url}&lang=${lang}#/chat`);
  await page.getByTestId('chat-feed').waitFor();
  return page;
}

async function sendCorpus(texts: string[]): Promise<void> {
  for (const [i, text] of texts.entries()) {
    const v = viewers[i % viewers.length]!;
    const a = await v.c.request({ type: 'send', groupId, elem: { type: 'TIMTextElem', payload: { text } } });
    expect(a.type, `${text.slice(0, 40)}: ${JSON.stringify(a)}`).toBe('ack');
  }
}

/** Reads every row the windowed feed holds, scrolling it from top to bottom. */
async function allRowTexts(
  page: Page,
): Promise<{ texts: string[]; names: string[]; badElements: number; badRows: number; overflow: number }> {
  return page.evaluate(`(async () => {
    const feed = document.querySelector('[data-testid=chat-feed]');
    const texts = new Set(), names = new Set();
    let badElements = 0, badRows = 0, overflow = 0;
    for (let top = 0; top <= feed.scrollHeight; top += feed.clientHeight / 2) {
      feed.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const row of feed.querySelectorAll('.feed-row')) {
        const t = row.querySelector('.feed-text'); if (t) texts.add(t.textContent);
        const n = row.querySelector('.feed-name'); if (n) names.add(n.textContent);
        if (row.offsetHeight !== 30 || row.scrollHeight > 30) badRows++;
      }
      badElements += feed.querySelectorAll('img, script, iframe, svg, math, style, a, object, embed, h1, table, link').length;
      overflow = Math.max(overflow, feed.scrollWidth - feed.clientWidth, document.documentElement.scrollWidth - window.innerWidth);
    }
    feed.scrollTop = feed.scrollHeight;
    return { texts: [...texts], names: [...names], badElements, badRows, overflow };
  })()`);
}

describe('chat feed in Chromium', () => {
  it('shows every corpus line and name as plain text: nothing executes, nothing breaks the layout', async () => {
    const page = await openChat();
    await sendCorpus(corpus);
    await page.locator('.feed-text', { hasText: 'END-OF-CORPUS' }).waitFor({ timeout: 15_000 });
    await shot(page, 'chat-xss-corpus');
    const seen = await allRowTexts(page);
    for (const text of corpus) expect(seen.texts, text.slice(0, 60)).toContain(text);
    for (const nick of nicks) expect(seen.names).toContain(nick);
    expect(seen.badElements).toBe(0);
    expect(seen.badRows).toBe(0);
    expect(seen.overflow).toBeLessThanOrEqual(1);
    expect(await page.evaluate('window.__xss')).toEqual([]);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect((page as unknown as { dialogs: string[] }).dialogs).toEqual([]);
    // The pinned bar and the user card show the same text, as text.
    await page.locator('.feed-name', { hasText: nicks[0]! }).first().click();
    const card = page.getByTestId('user-card');
    await card.locator('.chat-card-name strong', { hasText: nicks[0]! }).waitFor();
    expect(await card.locator('img, script, svg, iframe').count()).toBe(0);
    expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await shot(page, 'chat-user-card');
    expect(await page.evaluate('window.__xss')).toEqual([]);
    await page.close();
  });

  it('pauses while scrolled up and offers "N new messages"; moderation from the line takes effect', async () => {
    const page = await openChat();
    const feed = page.getByTestId('chat-feed');
    await sendCorpus(Array.from({ length: 30 }, (_, i) => `filler ${i}`)); // enough lines to scroll
    await page.locator('.feed-text', { hasText: 'filler 29' }).waitFor();
    await feed.evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('feed-new').waitFor();
    await sendCorpus(['later 1', 'later 2', 'later 3']);
    await expect.poll(() => page.getByTestId('feed-new').innerText(), { timeout: 10_000 }).toMatch(/^3 new messages/);
    expect(await feed.evaluate((el) => el.scrollTop)).toBeLessThan(100); // the reader's place is kept
    await shot(page, 'chat-new-messages');
    await page.getByTestId('feed-new').click();
    await page.locator('.feed-text', { hasText: 'later 3' }).waitFor();
    // Delete "later 3" with one key: select its line, press D. Viewers see it revoked.
    const id = await page.locator('.feed-row', { hasText: 'later 3' }).getAttribute('data-id');
    const row = page.locator(`.feed-row[data-id="${id}"]`);
    await selectLine(page, id ?? '');
    await page.keyboard.press('d');
    await viewers[0]!.c.next('revoked', (f) => f.msgIds.includes(id ?? ''), 10_000);
    await expect.poll(() => row.locator('.feed-text').innerText()).toBe('message deleted');
    // Mute its sender from the line (one click): their next send is refused with a reason.
    await page.locator('.feed-row', { hasText: 'later 2' }).hover();
    await page.locator('.feed-row', { hasText: 'later 2' }).getByRole('button', { name: 'Mute 10 min' }).click();
    await page.locator('.feed-row.kind-moderation', { hasText: 'Muted' }).first().waitFor();
    const muted = viewers[1 % viewers.length]!;
    expect(
      await muted.c.request({ type: 'send', groupId, elem: { type: 'TIMTextElem', payload: { text: 'hi' } } }),
    ).toMatchObject({ type: 'error', code: 'muted' });
    await shot(page, 'chat-moderated');
    await page.close();
  });

  it('refuses bad input from the studio side in plain words, and is fully translated', async () => {
    await expect(call('chat.send', { text: 'x'.repeat(2001) })).rejects.toThrow(/text/);
    await expect(call('chat.moderate', { action: 'mute', userId: 'someone', seconds: -5 })).rejects.toThrow(/seconds/);
    const page = await openChat('zh-CN');
    await page.locator('.feed-row.kind-moderation').first().waitFor(); // the log of the test before, reloaded
    await page.getByTestId('chat-state').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'chat-feed-zh');
    await page.close();
  });

  it('moderator mode: a moderator signs in to the studio and opens "moderate room N": chat and moderation only', async () => {
    await signUp(platform.httpUrl, 'mod_e2e_chat', 'Mod');
    expect(
      (await api(platform.httpUrl, 'POST', `/api/v1/rooms/${roomId}/moderators`, { userId: 'mod_e2e_chat' }, vjToken))
        .status,
    ).toBeLessThan(300);
    await call('account.setMode', { mode: 'cloud', serverUrl: platform.httpUrl });
    await call('account.signIn', { userId: 'mod_e2e_chat', password: 'secret-pw' });
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    await page.goto(`${host.url}#/moderate/${roomId}`);
    await expect
      .poll(() => page.getByTestId('chat-state').innerText(), { timeout: 15_000 })
      .toMatch(/Connected · .* · Moderator/);
    expect(await page.locator('nav.sidebar').count()).toBe(0); // no capture, no studio: chat and moderation only
    await sendCorpus(['please delete me']);
    const line = page.locator('.feed-row', { hasText: 'please delete me' });
    const id = await line.getAttribute('data-id');
    await selectLine(page, id ?? '');
    await page.keyboard.press('Delete');
    await viewers[0]!.c.next('revoked', (f) => f.msgIds.includes(id ?? '') && f.by === 'mod_e2e_chat', 10_000);
    await page.locator(`.feed-row[data-id="${id}"] .feed-text`, { hasText: 'message deleted' }).waitFor();
    await shot(page, 'chat-moderator-mode');
    await page.close();
  });
});
