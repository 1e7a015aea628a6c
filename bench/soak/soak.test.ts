// The soak itself, short: three minutes of the real studio under its audience, to prove the sampler and the A/V
// sync measurement work (not the figures, which need an hour: npm run bench:soak). The sync clip's burst is made
// 500 ms late at the source, and the measurement on the pushed stream must find it late at both ends.
import { describe, expect, it } from 'vitest';
import { defaultFfmpegLocation } from '../../main/system';
import { runSoak, soakDefaults } from './soakRun';

const loc = defaultFfmpegLocation();
// Half a second. A burst in sync with its flash goes out in the same tick and reads to the millisecond (the relay
// pairs each frame with its own sound); a late burst goes out ticks after its flash, and every tick a starved machine
// drops or repeats in between moves it (a 3-minute run at load 23 read pairs of 267 to 768 ms), so the delay must
// stand well clear of that spread to be told from an in-sync track.
const DELAY_MS = 500;

describe('the soak, three minutes', () => {
  it.skipIf(!loc.found)(
    'samples the studio and its ffmpegs every minute, catches a late audio track, checks the recording split',
    async () => {
      const lines: string[] = [];
      const r = await runSoak({
        ...soakDefaults(loc.found ? loc.path : 'ffmpeg', 3),
        segmentMinutes: 1,
        audioDelayMs: DELAY_MS,
        guestEverySeconds: 120,
        guestStaysSeconds: 30,
        syncSeconds: 12,
        log: (line) => {
          lines.push(line);
          if (!line.startsWith('[studio]')) console.log(line);
        },
      });

      // A sample a minute, each read from the OS and the studio's own events.
      expect(r.samples.map((s) => Math.round(s.minute))).toEqual([0, 1, 2, 3]);
      for (const s of r.samples) {
        expect(s.studioRssMb).toBeGreaterThan(50);
        expect(s.heapMb).toBeGreaterThan(1);
        expect(s.heapMb).toBeLessThan(s.studioRssMb);
        expect(s.fds).toBeGreaterThan(10);
        expect(Object.values(s.fdKinds).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(s.fds - 2);
        // The compositor, the recorder and the platform's HLS remux at least, each with its own memory.
        expect(s.ffmpeg.length).toBeGreaterThanOrEqual(3);
        for (const f of s.ffmpeg) expect(f.rssMb).toBeGreaterThan(1);
        expect(s.studioDbMb + s.studioWalMb).toBeGreaterThan(0);
        expect(s.platformDbMb + s.platformWalMb).toBeGreaterThan(0);
        expect(s.pushState).toBe('live');
      }
      const [first, last] = [r.samples[0]!, r.samples.at(-1)!];
      // The audience reached the studio: chat through the hub, viewers counted, gifts billed, preview watched.
      expect(last.chatLines).toBeGreaterThan(first.chatLines + 1000);
      expect(last.previewFrames).toBeGreaterThan(first.previewFrames + 300);
      expect(last.viewers).toBeGreaterThan(0);
      expect(last.gifts).toBeGreaterThan(first.gifts);
      expect(last.duplicatedFrames).toBeGreaterThanOrEqual(first.duplicatedFrames);

      // A guest came on video and left; nothing of theirs runs on in the studio afterwards.
      expect(r.guests).toMatchObject({ live: 1, left: 1, failures: [] });
      expect(lines.some((l) => /guest .* is live/.test(l))).toBe(true);
      expect(last.ffmpeg.length).toBe(first.ffmpeg.length);

      // The late burst is found late on the pushed stream, at the start and at the end. (A capture may need a second
      // try on a starved machine, when a repeated frame hides a flash; each try's reason is printed.)
      for (const p of r.syncProblems) console.log(`sync: ${p}`);
      expect(r.syncStart).not.toBeNull();
      expect(r.syncEnd).not.toBeNull();
      for (const m of [r.syncStart!, r.syncEnd!]) {
        expect(m.pairs).toBeGreaterThanOrEqual(3);
        expect(m.offsetMs).toBeGreaterThan(DELAY_MS - 200);
        expect(m.offsetMs).toBeLessThan(DELAY_MS + 300);
      }

      // One-minute files: the first two join and each decodes on its own.
      expect(r.split).not.toBeNull();
      expect(r.split!.firstSeconds).toBeGreaterThan(55);
      expect(r.split!.firstSeconds).toBeLessThan(65);
      expect(Number.isFinite(r.split!.gapMs)).toBe(true);
      expect(r.split!.decodeProblems).toEqual([]);
    },
    // Three minutes of show, plus the audience's start (its accounts hashed one by one) and two sync captures
    // with their retries: on a machine at load 25 that passed 7 minutes.
    600_000,
  );
});
