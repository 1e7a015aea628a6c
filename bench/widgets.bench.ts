// npm run bench:widgets [-- --seconds N --rounds R]: what alerts and widgets cost on stream. A studio built by the
// composition root, live at 1080p30 on the real platform, its room flooded at 40 messages/s through the
// platform's chat hub and a viewer buying a gift every two seconds the whole time. In alternate rounds the
// program is the scene with a chat box and a gift goal bar and the alerts on, then the same scene without the
// widgets and with every alert type off. CPU is read from /proc (ticks of the compositor, the encoder, and this
// process, which holds the studio, the platform, its hub and ingest and the flood's worker): the ffmpeg processes'
// per second of video encoded (their work is per frame), this process's per second of wall clock (its work, the
// chat flood, the hub and the platform, is paced by the clock), which is the same figure while the program keeps
// its 30 fps; on a shared machine that starves the program, dividing the clock-paced work by fewer seconds of
// video would count the starvation as cost (both figures are printed); ratios within a round, medians reported. The alert latency runs from the gift's billing answer
// to the first frame carrying its card in the stream pulled back from the ingest (in stream time: frames the
// program made after the answer). The last line is the RESULT.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio } from '../main/app';
import { defaultAlertSettings, alertTypes, type AlertSettings, type AlertsState } from '../main/contract/onstream';
import type { Scene } from '../main/contract/scene';
import { cpuSecondsOf } from '../main/media/ffmpegProcess';
import { cardRect } from '../main/onstream/alertSlots';
import { FramePuller, sceneItem, sleep, until, type PulledFrame } from '../testSupport/media';
import { api, signUp, tempPlatform } from '../testSupport/platform';
import { callStudio } from '../testSupport/studioCalls';
import { startHubFlood } from './chatHubSource';
import { argNumber, argSeconds, median } from './mediaPipelineRun';

const seconds = argSeconds(30);
const rounds = argNumber('--rounds', 6);
const CHAT_RATE = 40;
const GIFT_EVERY_MS = 2000;
const SETTLE_MS = 4000;
const FPS = 30;
// Frames are pulled back at a sixth of 1920x1080.
const PW = 320;
const PH = 180;

const dataDir = mkdtempSync(join(tmpdir(), 'widgets-bench-'));
const platform = await tempPlatform({
  heartbeatSeconds: 600,
  guestBalance: 10_000_000,
  chat: { messagesPerSecond: CHAT_RATE * 2, userBurst: CHAT_RATE * 10, userPerSecond: CHAT_RATE },
});
await signUp(platform.httpUrl, 'vj_bench', 'VJ');
const studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);
const alerts: { state: AlertsState | null } = { state: null };
studio.bus.on('onstream.alerts', (state) => (alerts.state = state));

await call('account.setMode', { mode: 'cloud', serverUrl: platform.httpUrl });
await call('account.signIn', { userId: 'vj_bench', password: 'secret-pw' });
// A dark base with a moving picture (the test pattern and its tone, as a camera would be) away from the card.
const background = [
  sceneItem(
    'base',
    { kind: 'testPattern', pattern: 'color', color: '#203040', tone: false },
    { x: 0, y: 0, width: 1920, height: 1080 },
  ),
  sceneItem(
    'camera',
    { kind: 'testPattern', pattern: 'testsrc2', tone: true },
    { x: 900, y: 260, width: 960, height: 540 },
  ),
];
const look = { textColor: '#ffffff', background: '#000000', backgroundOpacity: 0.5 };
const chatBox = sceneItem(
  'chat',
  { kind: 'chatOverlay', lines: 6, fontSize: 34, ...look, nameColor: '#ffd166' },
  { x: 40, y: 620, width: 820, height: 420 },
);
const goalBar = sceneItem(
  'goal',
  { kind: 'goalBar', title: 'Gift goal 礼物目标', target: 1_000_000, fontSize: 32, ...look, fillColor: '#f2994a' },
  { x: 1180, y: 960, width: 700, height: 80 },
);
async function makeScene(name: string, items: Scene['items']): Promise<string> {
  const { scene } = await call<{ scene: Scene }>('scenes.create', { name });
  await call('scenes.update', { scene: { ...scene, items } });
  return scene.id;
}
const withId = await makeScene('With widgets', [...background, chatBox, goalBar]);
const withoutId = await makeScene('Without widgets', background);
// Alerts in a colour the test pattern never has at the card's place, short enough that one card a gift shows.
const alertsOn: AlertSettings = {
  ...defaultAlertSettings,
  tiers: [{ minValue: 0, color: '#ff00ff' }],
  styles: { ...defaultAlertSettings.styles, gift: { ...defaultAlertSettings.styles.gift, durationMs: 1200 } },
};
const alertsOff = {
  ...alertsOn,
  styles: Object.fromEntries(alertTypes.map((t) => [t, { ...alertsOn.styles[t], enabled: false }])),
};
await call('onstream.setAlertSettings', alertsOn);
await call('scenes.activate', { id: withId });
await call('media.start', { preset: '1080p30' });

const live = await call<{ roomId: string }>('session.goLive', { title: 'Widgets bench', record: false });
const room = (
  await api<{ groupId: string; playUrls: { flv: string } }>(platform.httpUrl, 'GET', `/api/v1/rooms/${live.roomId}`)
).body;
const vj = await api<{ token: string }>(platform.httpUrl, 'POST', '/api/v1/sessions', {
  userId: 'vj_bench',
  password: 'secret-pw',
});
await call('chat.connect', {
  mode: 'platform',
  platformUrl: platform.httpUrl,
  token: vj.body.token,
  userId: 'vj_bench',
  roomId: room.groupId,
});
await until(() => studio.chat.status().state === 'connected', 30_000, 'the studio in its room');
const pull = new FramePuller(room.playUrls.flv, PW, PH);
await pull.waitFrames(30, 60_000);
const words = ['666', '来了来了', 'hello from the room', '主播好厉害', 'what a show!', '哈哈哈哈', 'gg', '加油 💪'];
const flood = await startHubFlood(platform, room.groupId, words, 4);
flood.start(CHAT_RATE, Date.now());

// The payer: one gift every two seconds, or when the card before has left (so each card is seen arriving).
const payer = await api<{ token: string }>(platform.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: '付款人' });
const card = cardRect('top', 1920, 1080);
const cardEnd = (f: PulledFrame) =>
  FramePuller.mean(
    f,
    PW,
    Math.round(((card.x + card.w * 0.85) * PW) / 1920),
    Math.round((card.y * PH) / 1080) + 2,
    6,
    6,
  );
const isCard = (f: PulledFrame) => {
  const [r, g, b] = cardEnd(f);
  return r > 170 && b > 170 && g < 100;
};
interface Gift {
  t: number;
  answeredAt: number;
  alertsOn: boolean;
}
const gifts: Gift[] = [];
let giving = true;
let alertsWanted = true;
/** The gift being given now: billed, then 2 s, then until its card has gone. */
let giftTurn: Promise<void> = Promise.resolve();
let endTurn = () => {};
const giftLoop = (async () => {
  while (giving) {
    giftTurn = new Promise((resolve) => (endTurn = resolve));
    const start = Date.now();
    const wasOn = alertsWanted;
    const reply = await api(
      platform.httpUrl,
      'POST',
      `/api/v1/rooms/${live.roomId}/gifts`,
      { giftId: 'rocket', count: 1, requestId: randomUUID() },
      payer.body.token,
    );
    if (reply.status !== 200) throw new Error(`a gift was refused: ${JSON.stringify(reply.body)}`);
    gifts.push({ t: studio.media.engine.frameIndex / FPS, answeredAt: Date.now(), alertsOn: wasOn && alertsWanted });
    await sleep(Math.max(0, start + GIFT_EVERY_MS - Date.now()));
    while (giving && (alerts.state?.showing || alerts.state?.queued)) await sleep(50);
    endTurn();
  }
  endTurn();
})();

async function configure(withWidgets: boolean): Promise<void> {
  alertsWanted = withWidgets;
  // A gift billed with alerts on has its card shown before they go off: the switch does not cut a card short.
  if (!withWidgets) await giftTurn;
  await call('onstream.setAlertSettings', withWidgets ? alertsOn : alertsOff);
  await call('scenes.activate', { id: withWidgets ? withId : withoutId });
  await sleep(SETTLE_MS);
}

/** Stream time of the measures without widgets: no card may show in them (the detector's check). */
const offRanges: [number, number][] = [];

interface Measure {
  /** ffmpeg per second of video plus this process per second of wall clock. */
  total: number;
  /** Everything per second of video (equal to `total` at full frame rate). */
  videoClock: number;
}

async function measure(name: string, withWidgets: boolean): Promise<Measure> {
  const pids = () => studio.media.engine.pids();
  const read = () => new Map(pids().map((pid) => [pid, cpuSecondsOf(pid) ?? 0]));
  const before = read();
  const self = cpuSecondsOf(process.pid) ?? 0;
  const frames = studio.media.engine.frameIndex;
  const start = Date.now();
  await sleep(seconds * 1000);
  const after = read();
  if (!withWidgets) offRanges.push([frames / FPS, studio.media.engine.frameIndex / FPS]);
  const videoSeconds = Math.max(1, studio.media.engine.frameIndex - frames) / FPS;
  let ffmpeg = 0;
  let encoder = 0;
  const stagePid = studio.media.engine.encoderPid;
  // A process that started during the measure (none should) counts from zero; one that ended is not in `after`.
  for (const [pid, cpu] of after) {
    ffmpeg += cpu - (before.get(pid) ?? 0);
    if (pid === stagePid) encoder += cpu - (before.get(pid) ?? 0);
  }
  const node = (cpuSecondsOf(process.pid) ?? 0) - self;
  const wallSeconds = (Date.now() - start) / 1000;
  const total = ffmpeg / videoSeconds + node / wallSeconds;
  const videoClock = (ffmpeg + node) / videoSeconds;
  console.log(
    `${name.padEnd(30)} cpu ${total.toFixed(3)} s per s (ffmpeg ${(ffmpeg / videoSeconds).toFixed(3)} per s of video, ` +
      `of which encoder ${(encoder / videoSeconds).toFixed(3)}, compositor ${((ffmpeg - encoder) / videoSeconds).toFixed(3)}; ` +
      `studio+platform ${(node / wallSeconds).toFixed(3)} per s; all per s of video ${videoClock.toFixed(3)}) ` +
      `at ${((videoSeconds * FPS) / wallSeconds).toFixed(1)} fps, load ${loadavg()[0]?.toFixed(1)}`,
  );
  return { total, videoClock };
}

const ratios: number[] = [];
const videoClockRatios: number[] = [];
console.log(
  `bench:widgets — 1080p30 program live on the real platform, chat at ${CHAT_RATE} msg/s through the hub, a gift ` +
    `every ${GIFT_EVERY_MS / 1000} s; ${seconds} s per measure, ${rounds} rounds (a shared machine: figures move)`,
);
try {
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? [true, false] : [false, true];
    const m = new Map<boolean, Measure>();
    for (const w of order) {
      await configure(w);
      m.set(w, await measure(`${w ? 'with' : 'without'} widgets (r${round})`, w));
    }
    const [on, off] = [m.get(true) as Measure, m.get(false) as Measure];
    ratios.push(on.total / off.total);
    videoClockRatios.push(on.videoClock / off.videoClock);
    console.log(
      `  ratio this round: ${ratios.at(-1)?.toFixed(3)} (all per s of video: ${videoClockRatios.at(-1)?.toFixed(3)})`,
    );
  }
} finally {
  giving = false;
  await giftLoop.catch((e: unknown) => console.log(`gift loop: ${String(e)}`));
  const sent = await flood.stop();
  console.log(`chat: ${sent.sent} lines sent, ${sent.refused} refused by the hub`);
  await flood.close();
}

// Every gift whose card was on: the first pulled frame of the program made after its answer carrying the card.
const lastPts = pull.frames.at(-1)?.pts ?? 0;
const latencies: number[] = [];
const walls: number[] = [];
for (const g of gifts.filter((x) => x.alertsOn && x.t < lastPts - 2)) {
  const shown = pull.frames.find((f) => f.pts >= g.t && isCard(f));
  if (!shown || shown.pts - g.t > 5) throw new Error(`a gift's card was not in the stream (billed at ${g.t} s)`);
  latencies.push((shown.pts - g.t) * 1000);
  walls.push(shown.at - g.answeredAt);
}
const offGifts = gifts.filter((x) => !x.alertsOn).length;
const offFrames = pull.frames.filter((f) => offRanges.some(([a, b]) => f.pts >= a && f.pts < b));
const falseCards = offFrames.filter(isCard).length;
pull.stop();
await studio.close();
await platform.cleanup();
rmSync(dataDir, { recursive: true, force: true });

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ratio = median(ratios);
const latency = p95(latencies) ?? NaN;
console.log(
  `alerts: ${latencies.length} cards measured (${offGifts} gifts while alerts were off: ${falseCards} of ${offFrames.length} frames then had a card), ` +
    `stream-time latency median ${median(latencies).toFixed(0)} ms, p95 ${latency.toFixed(0)} ms; wall clock from the ` +
    `answer to the frame decoded from the ingest: median ${median(walls).toFixed(0)} ms, p95 ${(p95(walls) ?? NaN).toFixed(0)} ms`,
);
const videoClockRatio = median(videoClockRatios);
console.log(
  `median CPU with/without: ${ratio.toFixed(3)} (goal at most 1.05; all per s of video: ${videoClockRatio.toFixed(3)}); alert p95 goal 500 ms`,
);
console.log(
  `RESULT widgets_cpu_ratio=${ratio.toFixed(3)} alert_latency_ms=${latency.toFixed(0)} video_clock_ratio=${videoClockRatio.toFixed(3)}`,
);
process.exit(0);
