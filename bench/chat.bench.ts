// npm run bench:chat [-- --seconds 60 --rate 5000 [--screens chat,live,live-no-chat] [--source accept|hub [--senders 1]]]
// 5,000 chat messages a second into the studio for 60 s with the Chat screen open in Chromium (headless
// host): p95 frame time, p95 lag from each message's scheduled arrival to the moment the page renders it,
// and the page's heap before and after (CDP, after a GC). By default the same flood is measured twice in
// one run, one screen after the other on a fresh page each: the Chat screen alone, then the live cockpit
// ("Chat on the side") with the same chat component beside the program preview. The media engine runs
// (720p30 test pattern) through both, so the only difference is the screen; on the live screen the preview
// frames shown per second are counted too, before the flood and during it; and a third screen, the live
// cockpit with its chat panel hidden, tells what the flood costs the preview without any chat on screen.
//
// Frame time. Headless Chromium with --disable-gpu ticks a synthetic 60 Hz frame clock, so the gap between
// two requestAnimationFrame callbacks is 16.7 ms ± timer jitter whenever a frame is on time: its p95 is
// ~16.7–16.8 ms on an idle page too, and it cannot show how much of the frame budget the feed uses. So the
// RESULT's p95_frame_ms is the time each frame takes on the main thread: from the frame's begin time (the
// rAF timestamp) to the end of that frame's work (rAF callbacks, the feed's React commit, which the feed
// makes inside its rAF callback, style, layout, paint), read by a message posted from the first rAF
// callback, which runs right after the frame's rendering task. A task that blocks the main thread when a
// frame is due delays the frame and so counts in it. The rAF gaps are printed beside it (p50/p95/max and
// the share of frames that came a whole vsync late), and so are CDP's total main-thread task time and the
// long animation frames (≥ 50 ms) that Chromium reported.
//
// Where the messages come in. --source accept (the default): at the adapter level (ChatFeed.accept, exactly
// where a ChatService's received items enter); everything after it (dedupe, blocked words, batcher, SQLite, the
// event over the studio's WebSocket, the renderer) is the real path. --source hub: the whole way, as viewers'
// messages over the platform's real chat hub (their sockets in a worker thread, chatHubSender.worker.mjs) → the
// studio's platform adapter → ChatFeed → SQLite with FTS → the renderer; the hub runs in this process, as the
// embedded platform does in the studio. Its room budget (Tencent's 40/s by default) and per-viewer limits are
// raised to the rate for this. Nine lines in ten are the flood's usual phrases; every tenth carries its number and
// scheduled time, from which the lag is counted; at the end every line must be stored, and the stamped ones found
// in the full-text index and by the chat's search. The hub source measures
// the Chat screen unless --screens says otherwise; --senders spreads the flood over that many viewers' sockets.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStudio } from '../main/app';
import type { ChatItem } from '../main/contract/chat';
import { startHeadlessHost } from '../main/headless/host';
import { launchChromium } from '../e2e/harness';
import { createdRoomSchema } from '../common/platformApi/schemas';
import { api, signUp, tempPlatform } from '../testSupport/platform';
import { checkSearchable, startHubFlood, storedOnceSettled } from './chatHubSource';
import { pageProbes } from './chatPageProbes';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number.`);
  return v;
}

const seconds = arg('seconds', 60);
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : undefined;
};
const source = option('source') ?? 'accept';
if (source !== 'accept' && source !== 'hub') throw new Error('--source takes accept or hub.');
type Screen = 'chat' | 'live' | 'live-no-chat';
const screens = (option('screens') ?? (source === 'hub' ? 'chat' : 'chat,live,live-no-chat')).split(',') as Screen[];
if (!screens.length || screens.some((x) => !['chat', 'live', 'live-no-chat'].includes(x)))
  throw new Error('--screens takes a list of chat, live and live-no-chat.');
const rate = arg('rate', 5000);
const warmupMs = 2000;
const root = resolve(import.meta.dirname, '..');
const rendererDir = join(root, 'out', 'renderer');

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
// The studio's own heap is read after a full GC too, or it would show garbage not yet collected.
setFlagsFromString('--expose-gc');
const nodeGc = runInNewContext('gc') as () => void;
const nodeHeap = () => {
  nodeGc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

const words = [
  'great show',
  '主播好棒',
  'hello from Berlin',
  '666',
  'what song is this?',
  'lol',
  '来了来了',
  'gg',
  'so cool',
  '🔥🔥🔥',
];

const step = (what: string) => process.stderr.write(`chat bench: ${what}\n`);

interface Figures {
  screen: string;
  p95Frame: number;
  p95Lag: number;
  heapGrowth: number;
  previewFpsQuiet: number | null;
  previewFpsFlood: number | null;
  loopMsPer1k: number;
}

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npx electron-vite build');
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: 'bench',
    log: (l) => {
      if (/chat|hub/i.test(l)) step(l); // a lost hub connection or a failed write shows
    },
  });
  const host = await startHeadlessHost({ studio, rendererDir });
  // The feed as the VJ sees it: signed in to their own live room on the embedded platform, as its host, so
  // every line carries its moderation actions. The flood itself enters at the adapter level (see above).
  const platform = await tempPlatform({
    heartbeatSeconds: 3600,
    ...(source === 'hub' ? { chat: { messagesPerSecond: rate * 2, userBurst: rate * 60, userPerSecond: rate } } : {}),
  });
  const vj = await signUp(platform.httpUrl, 'vj_bench', 'VJ');
  const room = createdRoomSchema.parse(
    (await api(platform.httpUrl, 'POST', '/api/v1/rooms', { title: 'Bench' }, vj.token)).body,
  );
  // Every line the feed hands on (to SQLite and the renderer), so the studio's main-thread time per line can be told.
  let handed = 0;
  // (With the hub source the writer's thread hands on a flood's newest 500 lines of each stretch and counts the rest.)
  studio.bus.on('chat.batch', (b) => (handed += b.items.length + (b.skipped ?? 0)));
  const joined = await studio.chat.connect({
    mode: 'platform',
    platformUrl: platform.httpUrl,
    token: vj.token,
    userId: vj.userId,
    roomId: room.groupId,
  });
  if (joined.role !== 'owner')
    throw new Error(`The bench's studio joined its room as ${joined.role ?? 'nobody'}, not as its host.`);
  // The picture runs through every screen, as it does while live; only the live screen watches its preview.
  const started = await studio.router.dispatch(
    'media.start',
    { preset: '720p30' },
    { transport: 'internal', peer: 'bench' },
  );
  if (!started.ok) throw new Error(`The media engine did not start: ${started.error.message}`);
  const browser = await launchChromium();
  const flood =
    source === 'hub' ? await startHubFlood(platform, room.groupId, words, Number(option('senders') ?? 1)) : null;

  // The generator: message i is scheduled at start + i/rate; each is stamped with that time.
  let sent = 0;
  let flooding = false;
  let start = 0;
  let sentAtStart = 0;
  const generate = () => {
    if (!flooding) return;
    // At most 20 ms worth per tick, so a studio that falls behind shows it as lag, not as a frozen loop.
    const due = Math.min(sentAtStart + Math.floor(((Date.now() - start) / 1000) * rate), sent + Math.ceil(rate / 50));
    const batch: ChatItem[] = [];
    for (; sent < due; sent++) {
      const at = start + ((sent - sentAtStart) * 1000) / rate;
      batch.push({
        id: `b${sent}`,
        roomId: room.groupId,
        kind: sent % 97 === 0 ? 'gift' : 'text',
        userId: `viewer_${sent % 5000}`,
        nick: `观众${sent % 5000}`,
        text: words[sent % words.length]!,
        at,
        ...(sent % 97 === 0 ? { gift: { name: 'Rocket', count: 1 } } : {}),
      });
    }
    if (batch.length) studio.chat.accept(batch);
    setTimeout(generate, 4);
  };

  const measureScreen = async (screen: Screen): Promise<Figures> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A string, not a function: tsx would wrap a function's source in helpers the page does not have.
    await page.addInitScript(pageProbes(source === 'hub'));
    const feed = screen === 'chat' ? page : page.locator('.cockpit-panel-body[data-panel=chat]');
    const live = screen !== 'chat';
    step(
      `${screen}: studio at ${host.url.replace(/token=.*/, 'token=…')}; opening the ${screen === 'chat' ? 'Chat screen' : 'live cockpit'}`,
    );
    await page.goto(`${host.url}#/${live ? 'live' : 'chat'}`);
    if (live) {
      await page.getByTestId('cockpit-preset').selectOption('chatOnTheSide');
      await page.locator('[data-testid=cockpit][data-preset=chatOnTheSide]').waitFor();
      await page
        .locator('.cockpit-panel-body[data-panel=preview] [data-testid=media-preview-frame]')
        .waitFor({ timeout: 60_000 });
    }
    await feed.getByTestId('chat-feed').waitFor();
    await feed.getByTestId('mute-all').waitFor(); // the host's room bar: the screen knows it may moderate
    if (screen === 'live-no-chat') {
      await page.locator('.dv-tab', { hasText: 'Chat' }).locator('.dv-default-tab-action').click();
      await page.locator('[data-testid=cockpit-show-chat][aria-pressed=false]').waitFor();
    }
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return u.usedSize / 1024 / 1024;
    };
    await cdp.send('Performance.enable');
    const mainThread = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return {
        task: m.TaskDuration ?? 0,
        cpu: m.ThreadTime ?? 0,
        script: m.ScriptDuration ?? 0,
        layout: (m.LayoutDuration ?? 0) + (m.RecalcStyleDuration ?? 0),
      };
    };
    const previewsOver = async (ms: number) => {
      const before = (await page.evaluate('window.__bench.previews')) as number;
      await new Promise((r) => setTimeout(r, ms));
      return (((await page.evaluate('window.__bench.previews')) as number) - before) / (ms / 1000);
    };
    const previewFpsQuiet = live ? await previewsOver(5000) : null;

    flooding = true;
    start = Date.now();
    sentAtStart = sent;
    if (flood) flood.start(rate, start);
    else generate();
    step(`${screen}: warming up ${warmupMs / 1000} s at ${rate} messages/s`);
    await new Promise((r) => setTimeout(r, warmupMs));
    step(`${screen}: measuring the heap (GC first)`);
    const heapBefore = await heap();
    step(`${screen}: measuring for ${seconds} s`);
    const nodeBefore = nodeHeap();
    const threadBefore = await mainThread();
    const loopBefore = performance.eventLoopUtilization();
    const handedBefore = handed;
    const measureStart = Date.now();
    const previewsBefore = (await page.evaluate('window.__bench.previews')) as number;
    await page.evaluate('window.__bench.measuring = true');
    const progress = setInterval(
      () =>
        process.stderr.write(`  ${Math.round((Date.now() - start) / 1000)} s, ${sent - sentAtStart} messages sent\n`),
      10_000,
    );
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(progress);
    flooding = false;
    if (flood) {
      const f = await flood.stop();
      sent = f.sent; // the worker's count, over every screen so far
      step(
        `${screen}: the hub flood sent ${sent} (held back ${f.held} times by a full socket, ${f.refused} refusals); the studio's chat is ${studio.chat.status().state}`,
      );
    }
    // The studio's main thread (the hub, the adapter, the feed and the host's socket share it, as in the studio):
    // its busy time per thousand lines handed on, a cost that a busier machine stretches less than the lag.
    const loop = performance.eventLoopUtilization(loopBefore);
    const handedInMeasure = handed - handedBefore;
    const loopMsPer1k = (loop.active / Math.max(1, handedInMeasure)) * 1000;
    const previewFpsFlood = live
      ? (((await page.evaluate('window.__bench.previews')) as number) - previewsBefore) /
        ((Date.now() - measureStart) / 1000)
      : null;
    await new Promise((r) => setTimeout(r, 1000)); // the last batches reach the page
    step(`${screen}: collecting the figures`);
    // The figures leave the page and are dropped there, so the heap after is the studio's, not the bench's own arrays.
    const result = (await page.evaluate(
      '(() => { const b = window.__bench; b.measuring = false; const r = { frames: b.frames, work: b.work, lags: b.lags, loafs: b.loafs, rendered: b.rendered }; b.frames = []; b.work = []; b.lags = []; b.loafs = []; return r; })()',
    )) as { frames: number[]; work: number[]; lags: number[]; loafs: number[]; rendered: number };
    const measuredS = (Date.now() - measureStart) / 1000;
    const threadAfter = await mainThread();
    const heapAfter = await heap();
    const nodeAfter = nodeHeap();
    const domRows = await page.locator('.feed-row').count();
    const stored = await storedOnceSettled(studio, sent, source === 'hub' ? 'flood_%' : 'viewer_%');

    const p95Frame = percentile(result.work, 95);
    const vsync = percentile(result.frames, 50);
    const late = result.frames.filter((d) => d > vsync * 1.5).length;
    const busy = (k: 'task' | 'cpu' | 'script' | 'layout') =>
      round((100 * (threadAfter[k] - threadBefore[k])) / measuredS);
    const p95Lag = percentile(result.lags, 95);
    const say = (line: string) => console.log(`[${screen}] ${line}`);
    say(
      `messages sent: ${sent - sentAtStart} in ${round((Date.now() - start) / 1000)} s at ${rate}/s (target); stored in SQLite (all screens): ${stored}; shown in a frame: ${result.rendered} (lines pushed out of the 500-line feed before a frame could show them are not counted)`,
    );
    say(
      `frame time (frame begin → the frame's main-thread work done): ${result.work.length} frames, p50 ${round(percentile(result.work, 50))} ms, p95 ${round(p95Frame)} ms, p99 ${round(percentile(result.work, 99))} ms, max ${round(Math.max(...result.work))} ms`,
    );
    say(
      `rAF gaps (60 Hz frame clock, so ≥ 16.7 ms by construction): p50 ${round(vsync)} ms, p95 ${round(percentile(result.frames, 95))} ms, max ${round(Math.max(...result.frames))} ms; frames a vsync or more late: ${late} of ${result.frames.length} (${round((100 * late) / Math.max(1, result.frames.length), 2)} %)`,
    );
    say(
      `main thread (CDP): in tasks ${busy('task')} % of the time (script ${busy('script')} %, style+layout ${busy('layout')} %), on a CPU ${busy('cpu')} % of it; long animation frames ≥ 50 ms: ${result.loafs.length}${result.loafs.length ? `, longest ${round(Math.max(...result.loafs))} ms` : ''}`,
    );
    say(
      `studio main thread: busy ${round(100 * loop.utilization)} % of the measure, ${round(loopMsPer1k, 2)} ms per 1,000 lines handed on (${handedInMeasure} lines while measuring)`,
    );
    say(
      `lag scheduled→rendered: p50 ${round(percentile(result.lags, 50))} ms, p95 ${round(p95Lag)} ms, p99 ${round(percentile(result.lags, 99))} ms`,
    );
    say(
      `page heap after GC: ${round(heapBefore)} MB → ${round(heapAfter)} MB; studio (Node) heap after GC ${round(nodeBefore)} → ${round(nodeAfter)} MB; feed rows in the DOM: ${domRows}`,
    );
    if (previewFpsQuiet !== null && previewFpsFlood !== null)
      say(
        `program preview frames shown per second: ${round(previewFpsQuiet)} before the flood, ${round(previewFpsFlood)} during it (the preview runs at 15)`,
      );
    await page.close();
    return {
      screen,
      p95Frame,
      p95Lag,
      heapGrowth: heapAfter - heapBefore,
      previewFpsQuiet,
      previewFpsFlood,
      loopMsPer1k,
    };
  };

  const figures: Figures[] = [];
  for (const screen of screens) figures.push(await measureScreen(screen as 'chat' | 'live'));

  console.log(
    "p95_frame_ms below is the frame time (the main thread's time for each frame, from its begin time, so a task that holds a frame back counts); the rAF gaps above are the older measure, bounded below by the 16.7 ms vsync",
  );
  console.log(
    `goal: p95 frame ≤ 16.7 ms, lag < 500 ms, heap flat; the live screen within noise of the Chat screen alone`,
  );

  let storedTotal = 0;
  if (flood) {
    storedTotal = await storedOnceSettled(studio, sent, source === 'hub' ? 'flood_%' : 'viewer_%');
    const searchable = await checkSearchable(studio, room.groupId, sent);
    console.log(`stored: ${storedTotal} of ${sent} sent; search: ${searchable}`);
    await flood.close();
  }
  await browser.close();
  await host.close();
  await studio.close();
  await platform.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
  const chat = figures.find((f) => f.screen === 'chat');
  const live = figures.find((f) => f.screen === 'live');
  const noChat = figures.find((f) => f.screen === 'live-no-chat');
  const keys = (f: Figures, prefix: string) =>
    `${prefix}p95_frame_ms=${round(f.p95Frame)} ${prefix}p95_lag_ms=${round(f.p95Lag)} ${prefix}heap_growth_mb=${round(f.heapGrowth)}`;
  const parts = [chat ? keys(chat, '') : '', live ? keys(live, 'live_') : ''];
  if (live?.previewFpsFlood != null && live.previewFpsQuiet != null)
    parts.push(
      `live_preview_fps_quiet=${round(live.previewFpsQuiet)} live_preview_fps_flood=${round(live.previewFpsFlood)}`,
    );
  if (noChat?.previewFpsFlood != null && noChat.previewFpsQuiet != null)
    parts.push(
      `no_chat_preview_fps_quiet=${round(noChat.previewFpsQuiet)} no_chat_preview_fps_flood=${round(noChat.previewFpsFlood)}`,
    );
  if (chat && live)
    parts.push(
      `live_vs_chat_p95_frame=${round(live.p95Frame / chat.p95Frame, 2)} live_vs_chat_p95_lag=${round(live.p95Lag / chat.p95Lag, 2)}`,
    );
  if (flood) parts.push(`stored=${storedTotal} sent=${sent}`);
  if (chat) parts.push(`loop_ms_per_1k=${round(chat.loopMsPer1k, 2)}`);
  console.log(`RESULT ${parts.filter(Boolean).join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(`chat benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
