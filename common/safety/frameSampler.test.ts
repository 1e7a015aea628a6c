// The sampler's clock: ticks keep their schedule, a verdict is timed from when its sample was due (so an event
// loop that was busy at that moment counts against it), and a tick that finds a verdict in flight is dropped.
import { describe, expect, it } from 'vitest';
import { ScriptedClassifier } from '../../testSupport/scriptedClassifier';
import type { ClassifyOutcome } from './classifier';
import type { FrameInput } from './classifierProtocol';
import { FrameSampler } from './frameSampler';

const frame: FrameInput = { format: 'rgb', width: 16, height: 16, data: new Uint8Array(16 * 16 * 3) };

/** The scripted classifier answering after `delayMs`, as a slow worker would. */
class SlowClassifier extends ScriptedClassifier {
  constructor(private readonly delayMs: number) {
    super([]);
  }
  override async classify(f: FrameInput): Promise<ClassifyOutcome> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    return super.classify(f);
  }
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('FrameSampler', () => {
  it('times each verdict from when its sample was due, a busy event loop included', async () => {
    const timings: number[] = [];
    const calledAt: number[] = [];
    const classifier = new SlowClassifier(30);
    const sampler = new FrameSampler({
      source: { kind: 'program' },
      classifier: {
        ...classifier,
        status: classifier.status,
        onStatus: (l) => classifier.onStatus(l),
        close: () => classifier.close(),
        classify: (f) => {
          calledAt.push(performance.now());
          return classifier.classify(f);
        },
      },
      intervalMs: 1000,
      onOutcome: (_o, _s, ms) => timings.push(ms),
    });
    const feeder = setInterval(() => sampler.feed(frame), 20);
    sampler.feed(frame);
    sampler.start();
    // The event loop is busy when the first tick falls due (1000 ms): its ~600 ms late start counts.
    await new Promise((r) => setTimeout(r, 300));
    busy(1300);
    await expect.poll(() => timings.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    clearInterval(feeder);
    sampler.stop();
    expect(timings[0]).toBeGreaterThanOrEqual(30 + 550);
    // The classifier's 30 ms count too (less 2 ms: Node's timers keep whole milliseconds of loop time).
    expect(timings[1]).toBeGreaterThanOrEqual(28);
    // The late tick did not push the schedule back: the second was due at 2000 ms, ~400 ms after the first fired
    // (a timer restarted at each tick would wait a whole interval, 1000 ms).
    expect((calledAt[1] as number) - (calledAt[0] as number)).toBeLessThan(800);
    expect(timings[1]).toBeLessThan(timings[0] as number);
  });

  it('drops a tick that finds a verdict in flight, and skips ticks with no new frame', async () => {
    const classifier = new SlowClassifier(250);
    const outcomes: number[] = [];
    const sampler = new FrameSampler({
      source: { kind: 'program' },
      classifier,
      intervalMs: 100,
      onOutcome: (_o, _s, ms) => outcomes.push(ms),
    });
    const feeder = setInterval(() => sampler.feed(frame), 20);
    sampler.start();
    await expect.poll(() => outcomes.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    clearInterval(feeder);
    sampler.stop();
    expect(sampler.dropped).toBeGreaterThanOrEqual(2);
    expect(classifier.calls).toBe(sampler.sampled);
    const calls = classifier.calls;
    await new Promise((r) => setTimeout(r, 400));
    expect(classifier.calls).toBe(calls);
  });
});
