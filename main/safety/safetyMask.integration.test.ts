// Safety on the real media engine: the compositor's samples feed the sampler, a scripted classifier replays
// explicit then clean scores, and the policy cuts the output to the slate, lifts it, blurs it and lifts again — while
// the push stays on its one RTMP connection and the recording has no gap (checked with ffprobe).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../api';
import { defaultSafetyPolicy, type SafetyMask, type SafetyPolicy, type SafetyScores } from '../contract/safety';
import { customPreset, MediaEngine } from '../media';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { probePackets, sleep, until } from '../../testSupport/media';
import { openStudioStorage } from '../storage';
import { SAFE_SCORES, ScriptedClassifier } from '../../testSupport/scriptedClassifier';
import { SafetyEventStore } from './safetyEventStore';
import { SafetyService } from './safetyService';

let server: RtmpTestServer;
beforeAll(async () => {
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

const porn: SafetyScores = { ...SAFE_SCORES, neutral: 0.05, porn: 0.93 };
const hentai: SafetyScores = { ...SAFE_SCORES, neutral: 0.05, hentai: 0.9 };

describe('safety masks on the real media engine', () => {
  it('a slate and a blur never reconnect the push nor leave a gap in the recording', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-mask-'));
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
      pushBackoffMs: [300, 600, 1000],
    });
    const storage = openStudioStorage(join(dir, 'studio.db'));
    const classifier = new ScriptedClassifier([SAFE_SCORES]);
    const safety = new SafetyService({
      settings: storage.settings,
      store: new SafetyEventStore(storage.db),
      bus: new EventBus(),
      createClassifier: () => classifier,
    });
    const policy = structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy; // porn → slate, hentai → blur
    policy.intervalMs = 500;
    policy.cleanToLift = 2;
    safety.setPolicy(policy);
    const masks: SafetyMask[] = [];
    safety.addActuator({
      setMask: (m) => (masks.push(m), engine.setSafetyMask(m)),
      setGuestRemoved: (g, r) => engine.setGuestRemoved(g, r),
    });
    await engine.start();
    const detach = safety.attachProgram((onSample) => engine.onSafetySample(onSample));
    const publishesBefore = server.publishes;
    try {
      engine.startPush(server.url('live/safety'));
      await until(() => engine.push.state.state === 'live', 30000, 'push live');
      engine.startRecording(3600);
      await until(() => engine.record.state.state === 'live', 20000, 'recording live');
      const recStart = Date.now();
      await until(() => safety.state().samples >= 2, 20000, 'program samples classified');
      // The compositor's own samples at the classifier's input size, no preview passed on, nothing scaled in JS.
      expect(classifier.lastFrame).toMatchObject({ format: 'yuv420p', width: 224, height: 224 });
      expect(classifier.lastFrame?.data.length).toBe((224 * 224 * 3) / 2);
      expect(engine.status().preview).toBe(false);

      classifier.play([porn, porn, porn, SAFE_SCORES]);
      await until(() => engine.status().safetyMask === 'slate', 20000, 'the slate');
      await until(() => engine.status().safetyMask === 'none', 20000, 'the slate lifted');
      classifier.play([hentai, hentai, hentai, SAFE_SCORES]);
      await until(() => engine.status().safetyMask === 'blur', 20000, 'the blur');
      await until(() => engine.status().safetyMask === 'none', 20000, 'the blur lifted');
      expect(masks).toEqual(['slate', 'none', 'blur', 'none']);
      expect(
        safety
          .listEvents(20)
          .filter((e) => e.kind === 'alert')
          .map((e) => e.action),
      ).toEqual(['blur', 'slate']);
      await sleep(1000);
      const recordedMs = Date.now() - recStart;
      await engine.stopRecording();

      // The push: still its first connection, and the server saw exactly one publish.
      expect(engine.push.state.connects).toBe(1);
      expect(server.publishes - publishesBefore).toBe(1);

      // The recording: video packets back to back (30 fps), no hole anywhere, as long as the wall time.
      const rec = join(dir, 'rec');
      const csv = readdirSync(rec).find((f) => f.endsWith('.csv')) as string;
      const files = readFileSync(join(rec, csv), 'utf8')
        .trim()
        .split('\n')
        .map((l) => join(rec, l.split(',')[0] as string));
      expect(files).toHaveLength(1);
      const packets = (await probePackets(files[0] as string, 'v:0')).sort((a, b) => a.pts - b.pts);
      let worstGap = 0;
      for (let i = 1; i < packets.length; i++)
        worstGap = Math.max(worstGap, (packets[i] as { pts: number }).pts - (packets[i - 1] as { pts: number }).pts);
      const span = (packets.at(-1)?.pts ?? 0) - (packets[0]?.pts ?? 0);
      console.log(
        `recording: ${packets.length} video packets over ${span.toFixed(2)} s (wall ${(recordedMs / 1000).toFixed(2)} s), worst gap ${(worstGap * 1000).toFixed(0)} ms`,
      );
      expect(worstGap).toBeLessThan(0.1);
      expect(span).toBeGreaterThan(recordedMs / 1000 - 1.5);
    } finally {
      detach();
      await safety.close();
      await engine.stop();
      storage.close();
    }
  }, 150000);
});
