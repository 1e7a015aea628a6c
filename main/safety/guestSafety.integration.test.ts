// Guest safety on a real guest stream: a real ffmpeg publishes a guest's picture to a real RTMP server, the
// co-host port (wrapped by withGuestSafety, as the studio wires it) is told the guest's stream arrived, the
// studio's own ffmpeg pulls key frames of it as 224×224 RGB, and a scripted classifier (explicit pictures
// cannot live in a repository) replays over-threshold then clean scores: the guest is removed from the
// composite after N samples, put back after M, and sampling stops when the guest goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../api';
import { defaultSafetyPolicy, type SafetyPolicy, type SafetyScores } from '../contract/safety';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { openStudioStorage } from '../storage';
import { SAFE_SCORES, ScriptedClassifier } from '../../testSupport/scriptedClassifier';
import { withGuestSafety } from './guestWatch';
import { SafetyEventStore } from './safetyEventStore';
import { SafetyService } from './safetyService';
import { ffmpegPath } from '../../testSupport/safetyFrames';
import { lavfiPushArgs } from '../../testSupport/lavfiPushArgs';

let server: RtmpTestServer;
let guest: ChildProcess | null = null;
beforeAll(async () => {
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  guest?.kill('SIGKILL');
  await server?.kill();
});

const sexy: SafetyScores = { ...SAFE_SCORES, neutral: 0.04, sexy: 0.95 };

describe('guest safety through the co-host port', () => {
  it('removes a guest on their own stream after N samples and puts them back after M', async () => {
    const url = server.url('live/guest_1');
    // The guest: a small picture with a key frame every 10 frames, published in real time.
    guest = spawn(
      ffmpegPath(),
      lavfiPushArgs(url, { video: 'testsrc2=size=320x180:rate=10', gop: 10, zeroLatency: false }),
      { stdio: 'ignore' },
    );
    await expect.poll(() => server.publishes, { timeout: 15000 }).toBeGreaterThanOrEqual(1);

    const storage = openStudioStorage(join(mkdtempSync(join(tmpdir(), 'guest-safety-')), 'studio.db'));
    const classifier = new ScriptedClassifier([SAFE_SCORES]);
    const safety = new SafetyService({
      settings: storage.settings,
      store: new SafetyEventStore(storage.db),
      bus: new EventBus(),
      createClassifier: () => classifier,
      ffmpeg: ffmpegPath(),
    });
    const policy = structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy;
    policy.intervalMs = 500;
    policy.cleanToLift = 2;
    policy.rules.sexy = { threshold: 0.85, action: 'removeGuest' };
    safety.setPolicy(policy);
    const removals: string[] = [];
    safety.addActuator({
      setMask: () => {},
      setGuestRemoved: (g, removed) => void removals.push(`${g} ${removed ? 'out' : 'in'}`),
    });

    const media: string[] = [];
    const port = withGuestSafety(
      { running: true, setGuestStream: async (g: string, u: string | null) => void media.push(`${g} ${u ?? 'gone'}`) },
      safety,
    );
    try {
      await port.setGuestStream('guest_1', url);
      expect(media).toEqual([`guest_1 ${url}`]);
      // Real frames of the guest's stream reach the classifier: 224×224 RGB from the studio's own ffmpeg.
      await expect.poll(() => classifier.calls, { timeout: 20000 }).toBeGreaterThanOrEqual(1);
      expect(classifier.lastFrame).toMatchObject({ format: 'rgb', width: 224, height: 224 });
      const frame = classifier.lastFrame as { data: Uint8Array };
      expect(new Set(frame.data.subarray(0, 3000)).size).toBeGreaterThan(4); // a picture, not a blank

      classifier.play([sexy, sexy, sexy, SAFE_SCORES]);
      await expect.poll(() => removals, { timeout: 20000 }).toContain('guest_1 out');
      expect(safety.state().removedGuests).toEqual(['guest_1']);
      expect(safety.listEvents(10).find((e) => e.kind === 'alert')).toMatchObject({
        sourceId: 'guest:guest_1',
        className: 'sexy',
        action: 'removeGuest',
      });
      await expect.poll(() => removals, { timeout: 20000 }).toEqual(['guest_1 out', 'guest_1 in']);

      // The guest leaves: sampling of their stream stops.
      await port.setGuestStream('guest_1', null);
      const calls = classifier.calls;
      await new Promise((r) => setTimeout(r, 1500));
      expect(classifier.calls).toBe(calls);
      expect(media).toEqual([`guest_1 ${url}`, 'guest_1 gone']);
    } finally {
      await safety.close();
      storage.db.close();
    }
  }, 60000);
});
