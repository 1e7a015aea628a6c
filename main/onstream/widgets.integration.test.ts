// Issue 29's widget proof: a studio built by the composition root, live on the real platform, its program
// scene holding a chat box and a gift goal bar, pulled back from the platform's viewer stream. A viewer's line
// shows with its name and words in their own colours; a blocked line is never drawn; a revoked line leaves
// the box within 1 s of stream time; a billed gift moves the goal bar.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import type { FramePuller } from '../../testSupport/media';
import { sceneItem, until, type PulledFrame } from '../../testSupport/media';
import { goLiveAndPull } from '../../testSupport/onstreamShow';
import { callStudio } from '../../testSupport/studioCalls';
import { createStudio, type Studio } from '../app';
import type { ChatItem } from '../contract/chat';
import type { Scene } from '../contract/scene';
import { chatColumns } from '../media/widgetItems';

let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
let viewer: ChatClient | null = null;
let pull: FramePuller | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-widgets-'));
/** Every feed line the studio's chat put on its bus, as the widgets saw them. */
const fed: ChatItem[] = [];

const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);

// Scene on a 1920x1080 canvas; the program is 1280x720 (2/3); frames are pulled at 640x360 (1/3 of the canvas).
const W = 640;
const H = 360;
const box = { x: 60, y: 600, width: 1200, height: 420 };
const bar = { x: 60, y: 60, width: 1200, height: 90 };
const FONT = 60;
/** A region given in canvas pixels, read from a pulled frame. */
const pixels = (f: PulledFrame, x: number, y: number, w: number, h: number) => {
  const out: [number, number, number][] = [];
  for (let j = Math.round(y / 3); j < Math.round((y + h) / 3); j++)
    for (let i = Math.round(x / 3); i < Math.round((x + w) / 3); i++) {
      const o = (j * W + i) * 3;
      out.push([f.rgb[o] as number, f.rgb[o + 1] as number, f.rgb[o + 2] as number]);
    }
  return out;
};
const yellow = ([r, g, b]: number[]) => (r as number) > 150 && (g as number) > 150 && (b as number) < 110;
const cyan = ([r, g, b]: number[]) => (r as number) < 110 && (g as number) > 150 && (b as number) > 150;
const green = ([r, g, b]: number[]) => (r as number) < 90 && (g as number) > 160 && (b as number) < 90;
// The chat box's bottom line, in canvas pixels: names in their column, words in theirs.
const lineH = Math.round(FONT * 1.35);
const pad = Math.round(FONT * 0.4);
const bottomY = box.y + box.height - pad - lineH;
const { nameW } = chatColumns(box.width, FONT);
const nameCol = (f: PulledFrame) => pixels(f, box.x + pad, bottomY, nameW - pad, lineH);
const textCol = (f: PulledFrame) => pixels(f, box.x + nameW, bottomY, box.width - nameW, lineH);
const count = (px: [number, number, number][], test: (c: number[]) => boolean) => px.filter(test).length;
/** Mean absolute difference of two equal regions (0 for the same picture; words drawn differ by far more). */
const diff = (a: [number, number, number][], b: [number, number, number][]) =>
  a.reduce((s, c, i) => s + Math.abs(c[1] - (b[i] as number[])[1]!) + Math.abs(c[2] - (b[i] as number[])[2]!), 0) /
  a.length;

beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600, guestBalance: 10_000 });
  await signUp(p.httpUrl, 'vj_widgets', 'VJ');
  studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  studio.bus.subscribe((name, payload) => {
    if (name === 'chat.batch') fed.push(...(payload as { items: ChatItem[] }).items);
  });
  await call('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl });
  await call('account.signIn', { userId: 'vj_widgets', password: 'secret-pw' });
  const { scene } = await call<{ scene: Scene }>('scenes.create', { name: 'Widgets' });
  const look = { textColor: '#00ffff', background: '#000000', backgroundOpacity: 0.6 };
  await call('scenes.update', {
    scene: {
      ...scene,
      items: [
        sceneItem(
          'bg',
          { kind: 'testPattern', pattern: 'color', color: '#404040', tone: false },
          { x: 0, y: 0, width: 1920, height: 1080 },
        ),
        sceneItem('chat', { kind: 'chatOverlay', lines: 3, fontSize: FONT, ...look, nameColor: '#ffff00' }, box),
        sceneItem(
          'goal',
          { kind: 'goalBar', title: 'Goal', target: 100, fontSize: 40, ...look, fillColor: '#00ff00' },
          bar,
        ),
      ],
    },
  });
  await call('scenes.activate', { id: scene.id });
  // The built-in list stays in the studio (custom words go to the room, whose hub refuses them at the door).
  await call('chat.setBlockedWords', { words: [], builtIn: true });
  await call('media.start', { preset: '720p30' });
}, 60_000);
afterAll(async () => {
  pull?.stop();
  viewer?.close();
  await studio?.close();
  await p?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('widgets in the pushed stream from the real platform', () => {
  it('draws names and words apart, never a blocked line, drops a revoked line within 1 s, fills the goal', async () => {
    const live = await goLiveAndPull(p.httpUrl, studio, {
      userId: 'vj_widgets',
      title: 'Widgets on air',
      width: W,
      height: H,
    });
    pull = live.puller;
    const puller = live.puller;
    const clock = () => studio.media.engine.frameIndex / 30;
    const after = (t: number) => puller.frames.filter((f) => f.pts >= t);
    const settled = async (t: number, what: string) => {
      await until(() => after(t + 1.5).length > 0, 20_000, what);
      return after(t + 1.5)[0] as PulledFrame;
    };
    const empty = await settled(clock(), 'the box on air');
    expect(count(nameCol(empty), yellow) + count(textCol(empty), cyan)).toBe(0);
    expect(count(pixels(empty, bar.x, bar.y, bar.width, bar.height), green)).toBe(0);

    const v = await signUp(p.httpUrl, 'viewer_w', 'Vivi');
    viewer = await ChatClient.connect(p.imUrl, v.token);
    await viewer.request({ type: 'join', groupId: live.groupId });
    const say = (text: string) =>
      viewer!.request({ type: 'send', groupId: live.groupId, elem: { type: 'TIMTextElem', payload: { text } } });
    const line = async (text: string) => {
      let found: ChatItem | undefined;
      await until(() => !!(found = fed.find((l) => l.text === text)), 20_000, `"${text}" in the feed`);
      return found as ChatItem;
    };

    // A line: the name in yellow in its column, the words in cyan in theirs, on the box's bottom line.
    let t = clock();
    await say('hello from the room');
    await line('hello from the room');
    const first = await settled(t, 'the first line');
    console.log(
      `name column: ${count(nameCol(first), yellow)} yellow px; words: ${count(textCol(first), cyan)} cyan px`,
    );
    expect(count(nameCol(first), yellow)).toBeGreaterThan(20);
    expect(count(nameCol(first), cyan)).toBe(0);
    expect(count(textCol(first), cyan)).toBeGreaterThan(40);
    expect(count(textCol(first), yellow)).toBe(0);
    const reference = textCol(first);

    // A line the studio blocks (it reaches the studio, which flags it) is never drawn: the bottom line stays.
    t = clock();
    await say('well fuck this');
    expect((await line('well fuck this')).blocked).toBe(true);
    const afterBlocked = await settled(t, 'the blocked line passed');
    const blockedDiffs = after(t)
      .filter((f) => f.pts <= afterBlocked.pts)
      .map((f) => diff(textCol(f), reference));
    console.log(`blocked line: largest change of the bottom line ${Math.max(...blockedDiffs).toFixed(1)}`);
    expect(Math.max(...blockedDiffs)).toBeLessThan(8);

    // A second line takes the bottom; revoked, it leaves within 1 s of stream time and the first line is back.
    t = clock();
    await say('a second line to revoke');
    const second = await line('a second line to revoke');
    const shown = await settled(t, 'the second line');
    expect(diff(textCol(shown), reference)).toBeGreaterThan(15);
    t = clock();
    await call('chat.moderate', { action: 'revoke', messageId: second.id });
    await until(() => after(t).some((f) => diff(textCol(f), reference) < 8), 20_000, 'the revoked line gone');
    const gone = after(t).find((f) => diff(textCol(f), reference) < 8) as PulledFrame;
    const revokeMs = (gone.pts - t) * 1000;
    console.log(`revoked line left the box after ${revokeMs.toFixed(0)} ms of stream time`);
    expect(revokeMs).toBeLessThanOrEqual(1000);

    // A billed heart (10 of 100 coins) fills a tenth of the goal bar; a rocket fills it.
    const payer = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: 'Payer' });
    const buy = (giftId: string) =>
      api(
        p.httpUrl,
        'POST',
        `/api/v1/rooms/${live.roomId}/gifts`,
        { giftId, count: 1, requestId: randomUUID() },
        payer.body.token,
      );
    t = clock();
    expect((await buy('heart')).status).toBe(200);
    const tenth = await (async () => {
      await until(
        () => after(t).some((f) => count(pixels(f, bar.x, bar.y + 6, 60, 30), green) > 20),
        20_000,
        'the fill',
      );
      return settled(t, 'the fill settled');
    })();
    const fillAt = (f: PulledFrame, share: number) =>
      count(pixels(f, bar.x + bar.width * share - 30, bar.y + 6, 60, 30), green);
    expect(fillAt(tenth, 0.05)).toBeGreaterThan(20);
    expect(fillAt(tenth, 0.5)).toBe(0);
    t = clock();
    expect((await buy('rocket')).status).toBe(200);
    await until(() => after(t).some((f) => fillAt(f, 0.95) > 20), 20_000, 'the goal filled');
    await sleep(100);
  }, 180_000);
});
