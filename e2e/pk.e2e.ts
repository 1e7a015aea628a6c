// 连线 PK with two studios: two headless hosts (two data folders) signed in to one platform, each pushing a test
// pattern of its own colour. From the PK panel in Chromium one VJ invites, the other accepts; each room's viewer
// stream (pulled from the ingest) shows both colours in their regions; viewers of both rooms gift during a
// battle and the score bars (panel and program), the result, both chats and the end pages agree with the
// platform's ledger; unlinking leaves both programs solo with no push reconnected. Then a second battle and a
// SIGKILL of one studio: the other is solo within 5 s and the battle is settled on the ledger ('lost').
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { parsePkSignal, type PkBattle } from '../common/platformApi/pkSchemas';
import { SYSTEM_USER_ID } from '../common/chatHub/protocol';
import { api, ChatClient, tempPlatform } from '../testSupport/platform';
import { FramePuller, until } from '../testSupport/media';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';
import {
  GREEN,
  H,
  latest,
  near,
  previewRegions,
  programSoloAfter,
  RED,
  regions,
  savePulledFrame,
  solo,
  W,
  colourAt,
} from './support/pkPictures';

interface Vj {
  userId: string;
  nick: string;
  colour: string;
  host: RunningHost;
  page: Page;
  ws: WebSocket;
  roomId: string;
  groupId: string;
  puller: FramePuller;
}

let platform: Awaited<ReturnType<typeof tempPlatform>>;
let browser: Browser;
const vjs: Vj[] = [];
const viewers: ChatClient[] = [];

function call<T>(ws: WebSocket, name: string, input: unknown): Promise<T> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as { id?: number; ok?: boolean; value?: T; error?: { message: string } };
      if (m.id !== id) return;
      ws.off('message', onMessage);
      if (m.ok) resolve(m.value as T);
      else reject(new Error(`${name}: ${m.error?.message}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, input }));
  });
}

async function openStudio(host: RunningHost): Promise<{ page: Page; ws: WebSocket }> {
  const ws = new WebSocket(host.url.replace(/^http/, 'ws').replace('/?token=', '/api?token='));
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  return { page, ws };
}

/** A VJ on their own host, signed in to the shared platform, live with a test pattern of their colour. */
async function goLive(userId: string, nick: string, colour: string, host: RunningHost): Promise<Vj> {
  const { page, ws } = await openStudio(host);
  await call(ws, 'account.setMode', { mode: 'cloud', serverUrl: platform.httpUrl });
  await page.goto(`${host.url}&lang=en`);
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('user-id').fill(userId);
  await page.getByTestId('password').fill('secret-pw');
  await page.getByTestId('nickname').fill(nick);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('setup').waitFor({ timeout: 30_000 });
  const state = await call<{ scenes: { id: string; items: Record<string, unknown>[] }[]; programSceneId: string }>(
    ws,
    'scenes.state',
    {},
  );
  const program = state.scenes.find((s) => s.id === state.programSceneId) ?? state.scenes[0]!;
  const [first, ...rest] = program.items;
  await call(ws, 'scenes.update', {
    scene: {
      ...program,
      items: [{ ...first, source: { kind: 'testPattern', pattern: 'color', color: colour, tone: true } }, ...rest],
    },
  });
  if ((await page.getByTestId('media-panel').getAttribute('data-running')) !== 'true')
    await page.getByTestId('media-start').click();
  await page.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
  await page.getByTestId('broadcast-title').fill(`${nick}'s PK night`);
  await page.getByTestId('go-live').click();
  await page.locator('[data-testid=studio][data-phase=live]').waitFor({ timeout: 90_000 });
  const roomId = (await page.getByTestId('live').getAttribute('data-room-id')) ?? '';
  const rooms = await api<{ rooms: { roomId: string; groupId: string; playUrls: { flv: string } }[] }>(
    platform.httpUrl,
    'GET',
    '/api/v1/rooms',
  );
  const room = rooms.body.rooms.find((r) => r.roomId === roomId)!;
  const puller = new FramePuller(room.playUrls.flv, W, H);
  await puller.waitFrames(5, 60_000);
  const vj = { userId, nick, colour, host, page, ws, roomId, groupId: room.groupId, puller };
  vjs.push(vj);
  return vj;
}

async function link(a: Vj, b: Vj): Promise<void> {
  await a.page.getByTestId('pk-panel').getByRole('button', { name: 'Refresh' }).click();
  await a.page.getByTestId(`pk-invite-${b.userId}`).click();
  try {
    await b.page.getByTestId(`pk-accept-${a.userId}`).click({ timeout: 15_000 });
  } catch (e) {
    // The invitation did not arrive (seen now and then on a fast machine, right after an unlink): what both
    // PK panels said, for the reader of the failure.
    console.log(`${a.userId}'s PK panel:\n${await a.page.getByTestId('pk-panel').innerText()}`);
    console.log(`${b.userId}'s PK panel:\n${await b.page.getByTestId('pk-panel').innerText()}`);
    throw e;
  }
  await a.page.locator(`[data-testid=pk-link-${b.userId}][data-shown=true]`).waitFor({ timeout: 60_000 });
  await b.page.locator(`[data-testid=pk-link-${a.userId}][data-shown=true]`).waitFor({ timeout: 60_000 });
}

async function battle(a: Vj, b: Vj): Promise<void> {
  await a.page.getByTestId('pk-start').click();
  await b.page.getByTestId('pk-battle-accept').click({ timeout: 15_000 });
  await a.page.locator('[data-testid=pk-battle][data-status=running]').waitFor({ timeout: 15_000 });
}

/** A viewer of the room sends a gift; the answer says what the platform billed. */
async function gift(roomId: string, giftId: 'flower' | 'heart' | 'rocket'): Promise<number> {
  const g = await api<{ token: string }>(platform.httpUrl, 'POST', '/api/v1/sessions/guest', {});
  const r = await api(
    platform.httpUrl,
    'POST',
    `/api/v1/rooms/${roomId}/gifts`,
    { giftId, count: 1, requestId: randomUUID() },
    g.body.token,
  );
  expect(r.status).toBe(200);
  return { flower: 1, heart: 10, rocket: 100 }[giftId];
}

async function watchChat(groupId: string): Promise<ChatClient> {
  const g = await api<{ token: string }>(platform.httpUrl, 'POST', '/api/v1/sessions/guest', {});
  const c = await ChatClient.connect(platform.imUrl, g.body.token);
  await c.request({ type: 'join', groupId });
  viewers.push(c);
  return c;
}

/** The last battle this viewer's chat heard from the platform's identity. */
function heardBattle(c: ChatClient): PkBattle | null {
  const signals = c
    .messages()
    .filter((m) => m.sender.userId === SYSTEM_USER_ID && m.payload && 'data' in m.payload)
    .map((m) => parsePkSignal((m.payload as { data: string }).data))
    .filter((s) => s?.event === 'battle');
  const last = signals.at(-1);
  return last?.event === 'battle' ? last.battle : null;
}

beforeAll(async () => {
  platform = await tempPlatform({ heartbeatSeconds: 600 });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  for (const c of viewers) c.close();
  for (const v of vjs) {
    v.puller.stop();
    v.ws.close();
    await v.host.stop();
  }
  await browser?.close();
  await platform?.cleanup();
  // Two hosts, each killed if it has not exited 25 s after SIGTERM (the harness prints what it said last).
}, 120_000);

describe('PK between two studios on one platform', () => {
  it('links, battles on the ledger, shows the result in both programs and chats, and unlinks without a reconnect', async () => {
    const red = await goLive('vj_red', 'Red', RED, await startHost());
    const green = await goLive('vj_green', 'Green', GREEN, await startHost());
    const chatRed = await watchChat(red.groupId);
    const chatGreen = await watchChat(green.groupId);
    await link(red, green);
    await until(
      () => near(RED)(regions(red).own) && near(GREEN)(regions(red).partner),
      60_000,
      "red | green in red's room",
    ).catch(async (e: Error) => {
      await savePulledFrame(red, 'pk-debug-red');
      const f = latest(red);
      throw new Error(
        `${e.message}: ${JSON.stringify(regions(red))}, ${red.puller.frames.length} frames, last ${Date.now() - f.at} ms ago`,
      );
    });
    await until(
      () => near(GREEN)(regions(green).own) && near(RED)(regions(green).partner),
      60_000,
      "green | red in green's room",
    ).catch(async (e: Error) => {
      await savePulledFrame(green, 'pk-debug-green');
      const f = latest(green);
      throw new Error(
        `${e.message}: ${JSON.stringify(regions(green))}, ${green.puller.frames.length} frames, last ${Date.now() - f.at} ms ago`,
      );
    });

    await battle(red, green);
    let toRed = 0;
    let toGreen = 0;
    for (const g of ['rocket', 'heart', 'heart'] as const) toRed += await gift(red.roomId, g);
    for (const g of ['heart', 'flower'] as const) toGreen += await gift(green.roomId, g);
    const score = (p: Page) => p.getByTestId('pk-score');
    await expect.poll(() => score(red.page).getAttribute('data-mine'), { timeout: 15_000 }).toBe(String(toRed));
    await expect.poll(() => score(red.page).getAttribute('data-theirs'), { timeout: 15_000 }).toBe(String(toGreen));
    await expect.poll(() => score(green.page).getAttribute('data-mine'), { timeout: 15_000 }).toBe(String(toGreen));
    // The program's bar: this room's red up to its share of the ledger, the partner's blue after.
    const split = Math.round((toRed / (toRed + toGreen)) * W);
    await until(
      () =>
        near('#e0245e')(colourAt(red, 4, 0, split - 12, 3)) &&
        near('#1d9bf0')(colourAt(red, split + 8, 0, W - split - 12, 3)),
      60_000,
      "the score bar in red's room",
    );
    await shot(red.page, 'pk-1-panel-battle');
    await savePulledFrame(red, 'pk-2-program-score-bar');

    await red.page.getByTestId('pk-end').click();
    await red.page.locator('[data-testid=pk-result][data-outcome=win]').waitFor({ timeout: 15_000 });
    await green.page.locator('[data-testid=pk-result][data-outcome=lose]').waitFor({ timeout: 15_000 });
    const battles = await api<{ battles: PkBattle[] }>(platform.httpUrl, 'GET', `/api/v1/rooms/${red.roomId}/battles`);
    const ledger = battles.body.battles[0]!;
    expect(ledger).toMatchObject({ status: 'ended', winner: 'a', a: { score: toRed }, b: { score: toGreen } });
    // Both chats heard the result from the platform, with the ledger's scores.
    await until(
      () => heardBattle(chatRed)?.status === 'ended' && heardBattle(chatGreen)?.status === 'ended',
      10_000,
      'the result in both chats',
    );
    expect(heardBattle(chatRed)).toMatchObject({ a: { score: toRed }, b: { score: toGreen }, winner: 'a' });
    expect(heardBattle(chatGreen)).toMatchObject({ a: { score: toRed }, b: { score: toGreen }, winner: 'a' });
    // The result box (black, the word on its left; its right part plain) on green's program.
    await expect
      .poll(async () => near('#000000')((await previewRegions(green.page))?.result ?? [255, 255, 255]), {
        timeout: 30_000,
      })
      .toBe(true);
    await shot(green.page, 'pk-2b-studio-result');

    const connects = async (v: Vj) =>
      (await call<{ push: { connects: number } }>(v.ws, 'media.status', {})).push.connects;
    const before = [await connects(red), await connects(green)];
    const t0 = Date.now();
    await red.page.getByTestId(`pk-unlink-${green.userId}`).click();
    const [redMs, greenMs] = await Promise.all([
      programSoloAfter(red, t0, "red's program after the unlink"),
      programSoloAfter(green, t0, "green's program after the unlink"),
    ]);
    // The viewers' streams follow (their lag is the ingest's and the machine's, printed for the record).
    await until(() => solo(red) && solo(green), 60_000, 'both viewer streams solo');
    console.log(
      `after the unlink: programs solo in ${redMs} ms (red), ${greenMs} ms (green); viewers by ${Date.now() - t0} ms`,
    );
    expect(Math.max(redMs, greenMs)).toBeLessThan(5000);
    expect([await connects(red), await connects(green)]).toEqual(before);
    expect(before).toEqual([1, 1]);
    expect(await untranslatedKeys(red.page)).toEqual([]);
    await red.page.goto(`${red.host.url}&lang=zh-CN`);
    await red.page.getByTestId('pk-panel').waitFor();
    expect(await untranslatedKeys(red.page)).toEqual([]);
    await shot(red.page, 'pk-1b-panel-zh');
  }, 480_000);

  it('a studio killed mid-battle: the other is solo within 5 s, settled by the rule; both end pages agree', async () => {
    const [red, green] = vjs as [Vj, Vj];
    await red.page.goto(`${red.host.url}&lang=en`);
    await link(red, green);
    await battle(red, green);
    const toGreen = await gift(green.roomId, 'rocket');
    await expect
      .poll(() => red.page.getByTestId('pk-score').getAttribute('data-theirs'), { timeout: 15_000 })
      .toBe(String(toGreen));
    await expect
      .poll(async () => near(GREEN)((await previewRegions(red.page))?.partner ?? [0, 0, 0]), { timeout: 45_000 })
      .toBe(true);
    green.puller.stop();
    const t0 = Date.now();
    await green.host.stop('SIGKILL');
    const soloMs = await programSoloAfter(red, t0, "red's program after green was killed");
    const fought = async () =>
      (await api<{ battles: PkBattle[] }>(platform.httpUrl, 'GET', `/api/v1/rooms/${red.roomId}/battles`)).body.battles;
    await expect.poll(async () => (await fought())[0]?.endReason, { timeout: 10_000 }).toBe('lost');
    const lost = (await fought())[0]!;
    expect(lost).toMatchObject({ status: 'ended', winner: 'b', a: { score: 0 }, b: { score: toGreen } });
    await until(() => solo(red), 60_000, "red's viewer stream solo");
    console.log(`red's program solo ${soloMs} ms after green was killed; its viewers saw it by ${Date.now() - t0} ms`);
    expect(soloMs).toBeLessThan(5000);
    // A gift after the end counts for nothing and is billed once.
    await gift(green.roomId, 'heart');
    expect((await fought())[0]!.b.score).toBe(toGreen);

    await red.page.getByTestId('end').click();
    await red.page.getByTestId('end-confirm-yes').click();
    await red.page.getByTestId('end-page').waitFor({ timeout: 60_000 });
    const section = red.page.getByTestId('pk-battles');
    await section.waitFor({ timeout: 15_000 });
    expect(await section.locator('li').count()).toBe(2);
    await shot(red.page, 'pk-3-end-page-battles');
    // The killed studio, restarted on its data folder: History's interrupted show has the same two battles.
    green.host = await startHost({ dataDir: green.host.dataDir });
    await green.page.goto(`${green.host.url}&lang=en`);
    await green.page.locator('[data-nav=history]').click();
    await green.page.getByTestId('history-table').locator('tbody tr').first().click();
    const theirs = green.page.getByTestId('pk-battles');
    await theirs.waitFor({ timeout: 15_000 });
    expect(await theirs.locator('li').count()).toBe(2);
    expect(await theirs.locator('li').first().getAttribute('data-outcome')).toBe('win');
    expect(await theirs.locator('li').nth(1).getAttribute('data-outcome')).toBe('lose');
    await shot(green.page, 'pk-3b-history-battles');
  }, 480_000);
});
