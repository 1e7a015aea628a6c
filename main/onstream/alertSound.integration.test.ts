// An alert's sound is mixed into the program's audio: a studio built by the composition root, live on the real
// platform, its gift alert given a 2.5 kHz tone (a wav made by ffmpeg, half of full scale); the test button plays
// it, and the tone is measured in the audio pulled back from the platform's ingest, at its volume (100 %, then
// 25 %: 12 dB quieter), and absent before, and absent when the sound is turned off.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signUp, tempPlatform } from '../../testSupport/platform';
import { until } from '../../testSupport/media';
import { callStudio } from '../../testSupport/studioCalls';
import { toneLevelDb } from '../../testSupport/toneLevels';
import { createStudio, type Studio } from '../app';
import { defaultAlertSettings, type AlertSettings } from '../contract/onstream';

const RATE = 48_000;
const TONE = 2500;
const WINDOW = RATE / 4;
let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
let puller: ChildProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-alert-sound-'));
const sound = join(dataDir, 'ding.wav');
/** The pulled program audio, mono float samples, as they arrive. */
let pulled = new Float32Array(0);

const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);
/** The tone's loudest quarter second from sample `from` on, in dBFS. */
function loudest(from: number): number {
  let best = -200;
  for (let at = from; at + WINDOW <= pulled.length; at += WINDOW / 2)
    best = Math.max(best, toneLevelDb(pulled.subarray(at, at + WINDOW), RATE, TONE));
  return best;
}
const giftSound = (patch: Partial<AlertSettings['styles']['gift']>) =>
  call('onstream.setAlertSettings', {
    styles: {
      ...defaultAlertSettings.styles,
      gift: { ...defaultAlertSettings.styles.gift, durationMs: 2000, sound, soundOn: true, ...patch },
    },
    gapMs: 0,
  });

beforeAll(async () => {
  // Half of full scale (-6 dBFS): aevalsrc, as lavfi's sine is only an eighth of full scale.
  const tone = `aevalsrc=0.5*sin(2*PI*${TONE}*t):s=${RATE}:d=1.5`;
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', tone, '-y', sound]);
  p = await tempPlatform({ heartbeatSeconds: 600 });
  await signUp(p.httpUrl, 'vj_sound', 'VJ');
  studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  await call('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl });
  await call('account.signIn', { userId: 'vj_sound', password: 'secret-pw' });
  await call('media.start', { preset: '720p30' });
}, 60_000);
afterAll(async () => {
  puller?.kill('SIGKILL');
  await studio?.close();
  await p?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("an alert's sound in the pushed stream", () => {
  it('is mixed into the program audio at its volume, and not when off', async () => {
    const live = await call<{ roomId: string }>('session.goLive', { title: 'Alert sound', record: false });
    const room = await api<{ playUrls: { flv: string } }>(p.httpUrl, 'GET', `/api/v1/rooms/${live.roomId}`);
    puller = spawn(
      'ffmpeg',
      ['-v', 'error', '-nostdin', '-fflags', '+nobuffer', '-i', room.body.playUrls.flv, '-vn'].concat([
        '-ac',
        '1',
        '-ar',
        String(RATE),
        '-f',
        'f32le',
        'pipe:1',
      ]),
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let bytes = Buffer.alloc(0);
    puller.stdout?.on('data', (d: Buffer) => {
      bytes = Buffer.concat([bytes, d]);
      const whole = bytes.length - (bytes.length % 4);
      pulled = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole));
    });
    await until(() => pulled.length > RATE * 2, 60_000, 'two seconds of the program audio');

    // Turned off, the sound is not played: the alert shows silently.
    await giftSound({ soundOn: false });
    let from = pulled.length;
    await call('onstream.testAlert', { type: 'gift' });
    await until(() => pulled.length > from + RATE * 4, 30_000, 'four seconds after a silent alert');
    const off = loudest(from);

    await giftSound({ volume: 100 });
    from = pulled.length;
    await call('onstream.testAlert', { type: 'gift' });
    await until(() => loudest(from) > -20, 30_000, 'the alert sound in the pulled audio');
    await until(() => pulled.length > from + RATE * 4, 30_000, 'the whole sound');
    const full = loudest(from);

    await giftSound({ volume: 25 });
    from = pulled.length;
    await call('onstream.testAlert', { type: 'gift' });
    await until(() => pulled.length > from + RATE * 4, 30_000, 'four seconds after the quieter alert');
    const quarter = loudest(from);
    console.log(
      `${TONE} Hz in the pulled program: ${off.toFixed(1)} dBFS with the sound off, ${full.toFixed(1)} at 100 %, ` +
        `${quarter.toFixed(1)} at 25 %`,
    );
    // The file's tone is -6 dBFS; through the mix and AAC it keeps its level within a couple of dB.
    expect(full).toBeGreaterThan(-9);
    expect(full).toBeLessThan(-3);
    expect(full - quarter).toBeGreaterThan(10);
    expect(full - quarter).toBeLessThan(14);
    expect(off).toBeLessThan(-50);
  }, 180_000);
});
