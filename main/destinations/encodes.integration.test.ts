// Second encodes on real ffmpeg, pulled back from a real ingest: destinations that ask for another size get
// one encode made for them (shared by all who ask for the same), the vertical canvas lays the scene's own
// items out on 720x1280 once the VJ turns it on (its CPU estimated before), and the main encode never restarts
// nor its push reconnects while the others come and go.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { customPreset, MediaEngine } from '../media';
import { FileSecretStore } from '../session';
import { FramePuller, probeStreams, sceneItem, until, type PulledFrame } from '../../testSupport/media';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { DestinationBook } from './destinationBook';
import { DestinationsService } from './destinationsService';
import { engineEncodes } from './engineEncodes';

const dir = mkdtempSync(join(tmpdir(), 'encodes-it-'));
const redPng = join(dir, 'red.png');
// A green background and a red badge in the bottom-right corner of a 320x180 program.
const scene: Scene = {
  id: 'show',
  name: 'Show',
  items: [
    sceneItem(
      'bg',
      { kind: 'testPattern', pattern: 'color', color: '#00c000', tone: true },
      { x: 0, y: 0, width: 320, height: 180 },
    ),
    sceneItem('badge', { kind: 'image', path: redPng }, { x: 240, y: 120, width: 80, height: 60 }),
  ],
};
const isGreen = ([r, g, b]: number[]) => (g as number) > 130 && (r as number) < 80 && (b as number) < 80;
const isRed = ([r, g, b]: number[]) => (r as number) > 160 && (g as number) < 80 && (b as number) < 80;

let server: RtmpTestServer;
beforeAll(async () => {
  const redImage = '-v error -f lavfi -i color=c=0xff0000:s=80x60 -frames:v 1 -y';
  execFileSync('ffmpeg', [...redImage.split(' '), redPng]);
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

describe('second encodes and the vertical canvas', () => {
  it('encodes another size once for those who ask, the vertical canvas on demand, the main encode untouched', async () => {
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
      x264Preset: 'ultrafast',
    });
    const service = new DestinationsService({
      book: new DestinationBook(new FileSecretStore(join(dir, 'destinations')), () => {}),
      fanout: () => engine.fanout,
      encodes: engineEncodes(engine, 'ffmpeg'),
      log: () => {},
    });
    engine.push.on('change', (st) => service.setLive(st.state !== 'off'));
    engine.on('state', () => service.sceneChanged());
    const at = (stream: string) => ({ service: 'custom', server: server.url('live'), key: stream });
    const small = { width: 160, height: 90, videoKbps: 300 };
    const main = service.add({ ...at('main-dest'), name: 'main' });
    const smallA = service.add({ ...at('small-a'), name: 'small A', encode: small });
    const smallB = service.add({ ...at('small-b'), name: 'small B', encode: small });
    const tall = service.add({ ...at('tall'), name: 'tall', encode: 'vertical' });
    const of = (id: string) => service.state().destinations.find((d) => d.id === id);
    const pulls: FramePuller[] = [];
    try {
      await engine.setScene(scene);
      await engine.start();
      const encoderPid = engine.encoderPid;
      engine.startPush(server.url('live/room'));
      await until(
        () => [main, smallA, smallB].every((d) => of(d.id)?.output.state === 'live'),
        30000,
        'main and the two small destinations live',
      );
      expect(of(tall.id)?.output.state).toBe('off'); // the vertical canvas is not on yet
      const late = service.add({ ...at('tall-late'), name: 'tall, added live', encode: 'vertical' });
      expect(of(late.id)?.output.state).toBe('off'); // nor for one added while live
      await service.remove(late.id);
      const encodes = () => service.state().encodes;
      expect(encodes().map((e) => e.id)).toEqual(['main', '160x90@300']);
      expect(encodes()[1]).toMatchObject({ width: 160, height: 90, videoKbps: 300, destinations: 2 });
      await until(() => encodes().every((e) => e.cpuPercent > 0), 10000, 'CPU measured for every encode');

      // Its cost is shown before it is turned on.
      await until(() => (service.state().vertical.estimatedCpuPercent ?? 0) > 0, 10000, 'a vertical estimate');
      const estimate = service.state().vertical.estimatedCpuPercent as number;
      await service.setVertical(true);
      await until(() => of(tall.id)?.output.state === 'live', 30000, 'the vertical destination live');
      expect(encodes().map((e) => e.id)).toEqual(['main', '160x90@300', 'vertical']);

      const probe = async (key: string) => (await probeStreams(server.url(`live/${key}`))).find((s) => s.width);
      expect(await probe('main-dest')).toMatchObject({ width: 320, height: 180 });
      expect(await probe('small-a')).toMatchObject({ width: 160, height: 90 });
      expect(await probe('tall')).toMatchObject({ width: 720, height: 1280 });

      // The tall canvas: the background fills it, the badge keeps its corner at the canvas's width scale
      // (80x60 at 2.25x = 180x135, at x 540 and y 853 of 1280), pulled at an eighth: 90x160.
      const pull = new FramePuller(server.url('live/tall'), 90, 160);
      pulls.push(pull);
      await pull.waitFrames(10, 30000);
      const f = pull.frames.at(-1) as PulledFrame;
      const top = FramePuller.mean(f, 90, 10, 10, 40, 60);
      const badge = FramePuller.mean(f, 90, 70, 110, 16, 12);
      console.log('vertical canvas', { top, badge, estimate, encodes: encodes() });
      expect(isGreen(top)).toBe(true);
      expect(isRed(badge)).toBe(true);
      await until(() => (encodes()[2]?.cpuPercent ?? 0) > 0, 10000, 'the vertical encode measured');

      // The VJ's own layout of the scene: the badge large at the top, the background under it. Only the
      // vertical encoder restarts; its push keeps its one connection.
      service.setVerticalLayout('show', [
        { itemId: 'bg', rect: { x: 0, y: 0, width: 720, height: 1280 } },
        { itemId: 'badge', rect: { x: 0, y: 0, width: 720, height: 540 } },
      ]);
      const pulled = pull.frames.length;
      await pull.waitFrames(pulled + 45, 30000);
      const after = pull.frames.at(-1) as PulledFrame;
      expect(isRed(FramePuller.mean(after, 90, 10, 10, 70, 40))).toBe(true); // 0-540 of 1280 is 0-67 of 160
      expect(isGreen(FramePuller.mean(after, 90, 10, 100, 70, 40))).toBe(true);
      expect(of(tall.id)?.output).toMatchObject({ state: 'live', connects: 1 });

      // Off again, and the small ones removed: their encodes stop, the main encode and push go on untouched.
      await service.setVertical(false);
      expect(of(tall.id)?.output.state).toBe('off');
      await service.remove(smallA.id);
      expect(encodes().find((e) => e.id === '160x90@300')?.destinations).toBe(1);
      await service.remove(smallB.id);
      expect(encodes().map((e) => e.id)).toEqual(['main']);
      expect(engine.encoderPid).toBe(encoderPid);
      expect(engine.push.state).toMatchObject({ state: 'live', connects: 1 });
      expect(of(main.id)?.output).toMatchObject({ state: 'live', connects: 1 });
    } finally {
      for (const p of pulls) p.stop();
      await service.close();
      await engine.stop();
    }
  }, 150000);
});
