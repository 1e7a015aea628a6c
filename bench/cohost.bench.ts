// npm run bench:cohost [-- --seconds 60]   (build first: npm run build)
// Glass-to-glass delay of joint broadcasting, both ways, from frames that carry their capture time (clock
// blocks, bench/cohost/clockBlocks.ts), on the real parts: the built headless host (studio + embedded
// platform), the real viewer page in Chromium going on camera over WHIP and watching its return feed over WHEP.
// - The guest's camera is a canvas stream drawing the wall clock (the page's getUserMedia answers it, with the
//   browser's fake microphone); the VJ's camera is the wall clock drawn by a Chromium window on a virtual X
//   screen (Xvfb), which the studio captures as a screen source in its scene (x11grab), over a plain background.
// - The program is read where the world gets it: the studio's push, pulled back from the ingest and decoded.
// - The guest page reads every frame its return feed shows (requestVideoFrameCallback, drawImage to a canvas).
// Each delay counts from the frame's capture time (the clock it carries) to the moment it was decoded there:
//   guest → program: the guest's box in the push;   VJ → guest: the VJ's clock on the guest's page;
//   VJ → program: the VJ's clock in the push (the VJ's own source through the compositor, encoder and push);
//   round trip: the guest's own box on their page (camera → studio → back).
// The RESULT's program_to_guest is VJ camera → guest page; the return leg alone is printed beside it: for every
// VJ clock value seen both in the push and on the page, page time − push time (both legs leave the one encoder).
// Last line: RESULT guest_to_program_ms=<p95> program_to_guest_ms=<p95>
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { guestRects } from '../main/cohost/layouts';
import type { CohostState } from '../main/contract/cohost';
import type { MediaStats, MediaStatus } from '../main/contract/media';
import type { Scene } from '../main/contract/scene';
import type { SessionState } from '../main/contract/session';
import { defaultFfmpegLocation } from '../main/system';
import { sceneItem } from '../testSupport/media';
import { CHROMIUM, chromiumArgs, startHost, type RunningHost } from '../e2e/harness';
import { clockBlocksCodec } from './cohost/clockBlocks';
import { ScreenClockCamera } from './cohost/screenClockCamera';
import {
  installGuestClock,
  takeReadings,
  watchReturnFeed,
  type FractionRect,
  type PageReading,
} from './cohost/guestPageClock';
import { StreamClockReader } from './cohost/programClocks';
import { describeReceiver, peerConnectionKeeper, readReceiverTotals } from './cohost/returnFeedStats';
import { StudioSocket, until } from './cohost/studioSocket';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '8' },
    pictures: { type: 'boolean' },
  },
});
const seconds = Number(options.seconds);
const warmupS = Number(options.warmup);
if (!(seconds > 0 && warmupS >= 0)) throw new Error('--seconds needs a positive number, --warmup a number of seconds.');
const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const codec = clockBlocksCodec();

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const delays = (readings: PageReading[], name: string) =>
  readings.filter((r) => r.name === name).map((r) => r.at - codec.unwrap(r.ms32, r.at));

/** Whether a delay grows through the run: its median over the first and over the last quarter of the readings. */
function trend(values: number[]): string {
  const q = Math.max(1, Math.floor(values.length / 4));
  return `${percentile(values.slice(0, q), 50).toFixed(0)} → ${percentile(values.slice(-q), 50).toFixed(0)} ms`;
}

function line(label: string, values: number[], frames?: string): string {
  const f = (p: number) => percentile(values, p).toFixed(0).padStart(5);
  return `${label.padEnd(44)} p50 ${f(50)} ms  p95 ${f(95)} ms  max ${f(100)} ms  (${values.length} frames${frames ?? ''})`;
}

let host: RunningHost | null = null;
let camera: ScreenClockCamera | null = null;
let reader: StreamClockReader | null = null;
let previewReader: StreamClockReader | null = null;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    ...chromiumArgs,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
  ],
});
try {
  host = await startHost();
  const studio = await StudioSocket.open(host.url);
  await studio.call('account.create', { userId: 'vj_cohost_bench', password: 'secret-pw', nickname: 'DJ Bench' });
  let media = await studio.call<MediaStatus>('media.status');
  if (!media.running) media = await studio.call<MediaStatus>('media.start', {});
  const { width: W, height: H } = media.preset;

  // The VJ's camera: the clock in the top-left quarter of the VJ's scene.
  camera = await ScreenClockCamera.start();
  console.log(`VJ camera: display ${camera.display}, region ${JSON.stringify(camera.region)}`);
  const state = await studio.call<{
    scenes: Scene[];
    programSceneId: string;
    canvas: { width: number; height: number };
  }>('scenes.state');
  const program = state.scenes.find((s) => s.id === state.programSceneId) ?? state.scenes[0]!;
  // Scenes are placed on their own canvas, drawn at the output's size.
  const vjRect = { x: 0, y: 0, width: state.canvas.width / 2, height: state.canvas.height / 2 };
  const vjItem = sceneItem('vj-clock', { kind: 'screen', display: camera.display, region: camera.region }, vjRect);
  // A plain background under it (with the test tone for the mix): the delay measured is the path's, not what
  // beauty or a busy scene cost this shared machine (bench:media and bench:scenes measure those).
  const background = sceneItem(
    'background',
    { kind: 'testPattern', pattern: 'color', color: '#203040', tone: true },
    { x: 0, y: 0, ...state.canvas },
  );
  await studio.call('scenes.update', { scene: { ...program, items: [background, vjItem] } });

  const session = await studio.call<SessionState>('session.goLive', { title: 'Co-host latency', record: false });
  const roomId = session.roomId!;
  const base = new URL(session.viewerUrl!).origin;
  const room = (await (await fetch(`${base}/api/v1/rooms/${roomId}`)).json()) as { playUrls: { flv: string } };

  // The guest: the real viewer page, signed in as a one-click guest, asking to join on video.
  const guest: Page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await installGuestClock(guest);
  await guest.addInitScript({ content: peerConnectionKeeper });
  await guest.goto(`${base}/#/room/${roomId}`);
  await guest.locator('#guest').click();
  await guest.locator('#messages li.system').first().waitFor({ timeout: 20_000 });
  const userId = await guest.evaluate(() => JSON.parse(localStorage.getItem('vj.session') ?? '{}').userId as string);
  const guestState = async () =>
    (await studio.call<CohostState>('cohost.list')).guests.find((g) => g.userId === userId)?.state;
  await until(
    'the guest request in the studio',
    async () => {
      if ((await guestState()) === 'requested') return true;
      await guest.locator('#cohost').click();
      return (await guestState()) === 'requested';
    },
    60_000,
  );
  await studio.call('cohost.acceptRequest', { userId });
  await until('the guest live in the program', async () => (await guestState()) === 'live', 90_000);
  await guest.locator('#onCamera[data-state=live]').waitFor({ timeout: 30_000 });
  await guest.waitForFunction(
    () => {
      const v = document.getElementById('returnFeed') as HTMLVideoElement | null;
      return !!v && v.readyState >= 2 && v.videoWidth > 0;
    },
    undefined,
    { timeout: 60_000, polling: 300 },
  );

  const box = guestRects('pip', 1, W, H)[0]!;
  const rects: FractionRect[] = [
    { name: 'vj', x: 0, y: 0, width: 0.5, height: 0.5 },
    { name: 'guest', x: box.x / W, y: box.y / H, width: box.width / W, height: box.height / H },
  ];
  reader = new StreamClockReader(ffmpeg, room.playUrls.flv, rects);
  // The compositor's own output, stamped by the studio as each frame left it: splits the path into stages.
  const preview = new StreamClockReader(ffmpeg, 'jpegs', rects);
  previewReader = preview;
  studio.onEvent<{ jpeg: string; capturedAt: number }>('media.preview', (f) =>
    preview.write(Buffer.from(f.jpeg, 'base64'), f.capturedAt),
  );
  await studio.call('media.setPreview', { on: true });
  await watchReturnFeed(guest, rects);
  console.log(
    `warming up ${warmupS} s, then measuring ${seconds} s (program ${W}x${H}, guest box ${box.width}x${box.height})`,
  );
  await new Promise((r) => setTimeout(r, warmupS * 1000));
  if (options.pictures) {
    // What the guest page and the push show, to look at when a box is not read.
    await guest.screenshot({ path: 'test-output/cohost-bench-guest.png' });
    spawnSync(ffmpeg, [
      '-v',
      'error',
      '-i',
      room.playUrls.flv,
      '-frames:v',
      '1',
      '-y',
      'test-output/cohost-bench-push.png',
    ]);
  }
  await takeReadings(guest);
  reader.readings.length = 0;
  preview.readings.length = 0;
  const framesAtStart = reader.frames;
  // The relay repeats the last frame when the compositor is late: how many it repeated tells a starved machine.
  const stats: MediaStats[] = [];
  studio.onEvent<MediaStats>('media.stats', (s) => stats.push(s));
  const loadBefore = loadavg();
  const receiverBefore = await readReceiverTotals(guest);
  const page: PageReading[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 1000));
    page.push(...(await takeReadings(guest)));
  }
  const pushed = reader.readings.slice();
  const composed = preview.readings.slice();
  const loadAfter = loadavg();
  const receiverAfter = await readReceiverTotals(guest);
  const pushFrames = reader.frames - framesAtStart;
  const repeated = stats.length > 1 ? stats.at(-1)!.duplicatedFrames - stats[0]!.duplicatedFrames : NaN;
  const relayFrames = stats.length > 1 ? ((stats.at(-1)!.at - stats[0]!.at) / 1000) * media.preset.fps : NaN;
  // Ticks the relay dropped because the encoder had not taken the last ones: an encoder at its limit.
  const dropped = stats.length > 1 ? stats.at(-1)!.droppedFrames - stats[0]!.droppedFrames : NaN;
  const encoderSpeed = percentile(
    stats.map((s) => s.encoderSpeed),
    50,
  );

  // The return path alone: a VJ clock value's time on the page minus its time in the push.
  const inPush = new Map(pushed.filter((r) => r.name === 'vj').map((r) => [r.ms32, r.at]));
  const returnPath = page.filter((r) => r.name === 'vj' && inPush.has(r.ms32)).map((r) => r.at - inPush.get(r.ms32)!);
  const g2p = delays(pushed, 'guest');
  const p2g = delays(page, 'vj');

  console.log(
    `\nco-host glass-to-glass over ${seconds} s (load ${loadBefore[0]!.toFixed(2)} → ${loadAfter[0]!.toFixed(2)}, 2 cores shared)`,
  );
  console.log(line('guest camera → program (push at the ingest)', g2p, ` of ${pushFrames} pulled`));
  console.log(line('VJ camera → program (push at the ingest)', delays(pushed, 'vj')));
  console.log(line('VJ camera → guest page (return feed)', p2g));
  console.log(line('  of which past the encoder: page − push, same frame', returnPath));
  // Stages: into the compositor's output (the preview's stamp), then on to the ingest.
  const inPreview = new Map(composed.filter((r) => r.name === 'vj').map((r) => [r.ms32, r.at]));
  console.log(line('stage: guest camera → compositor output', delays(composed, 'guest')));
  console.log(line('stage: VJ camera → compositor output', delays(composed, 'vj')));
  const toPush = pushed
    .filter((r) => r.name === 'vj' && inPreview.has(r.ms32))
    .map((r) => r.at - inPreview.get(r.ms32)!);
  console.log(line('stage: compositor output → push at the ingest', toPush));
  console.log(describeReceiver(receiverBefore, receiverAfter));
  console.log(line('round trip: guest camera → guest page', delays(page, 'guest')));
  console.log(
    `growth (median, first → last quarter): guest → program ${trend(g2p)}, VJ → compositor output ${trend(delays(composed, 'vj'))}`,
  );
  const perSecond = (n: number) => (n / seconds).toFixed(1);
  console.log(
    `frames a second: read from the push ${perSecond(pushFrames)}, shown by the page ${perSecond(delays(page, 'guest').length)}; ` +
      `the compositor was late for ${((repeated / relayFrames) * 100).toFixed(0)} % of the program's frames (repeated); ` +
      `the encoder ran at ${encoderSpeed.toFixed(2)}x (median), ${((dropped / relayFrames) * 100).toFixed(0)} % of ticks dropped for it`,
  );
  // Fewer than one clock read a second: the readers themselves were starved, and the figures mean nothing.
  if (g2p.length < seconds || p2g.length < seconds)
    throw new Error(`too few frames read (${g2p.length} in the push, ${p2g.length} on the page): ${reader.log}`);
  console.log(
    `RESULT guest_to_program_ms=${percentile(g2p, 95).toFixed(0)} program_to_guest_ms=${percentile(p2g, 95).toFixed(0)}`,
  );
} catch (e) {
  // What the studio and the platform said, for the reader of a failed run.
  const said = host
    ?.output()
    .split('\n')
    .filter((l) => /whep|whip|return feed|cohost|guest|compositor|error/i.test(l));
  console.error(said?.slice(-40).join('\n'));
  throw e;
} finally {
  reader?.stop();
  previewReader?.stop();
  await camera?.stop();
  await browser.close();
  await host?.stop();
}
