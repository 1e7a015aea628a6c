// The policy, pure: scripted scores replayed sample by sample. Each action happens after exactly N samples
// over its threshold and lifts after exactly M clean ones; one odd frame never acts.
import { describe, expect, it } from 'vitest';
import {
  defaultSafetyPolicy,
  safetyPolicySchema,
  type ActiveFlag,
  type SafetyPolicy,
  type SafetyScores,
} from './safetyModel';
import { SAFE_SCORES } from '../../testSupport/scriptedClassifier';
import { combinedMask, effectiveAction, removedGuests, SourceTracker, sourceId } from './policy';

const policy: SafetyPolicy = safetyPolicySchema.parse(structuredClone(defaultSafetyPolicy));
const explicit = (c: 'porn' | 'hentai' | 'sexy', p = 0.95): SafetyScores => ({
  ...SAFE_SCORES,
  neutral: 1 - p,
  [c]: p,
});

function replay(tracker: SourceTracker, script: SafetyScores[]) {
  return script.map((s) => tracker.observe(s));
}

describe('SourceTracker', () => {
  it('the defaults are valid and act after 2 samples', () => {
    expect(policy.consecutiveToAct).toBe(2);
    expect(policy.intervalMs).toBe(2500);
  });

  for (const [cls, action] of [
    ['porn', 'notify'],
    ['porn', 'blur'],
    ['hentai', 'slate'],
    ['sexy', 'removeGuest'],
  ] as const) {
    it(`${cls} → ${action}: acts after N over the threshold and lifts after M clean`, () => {
      for (const [n, m] of [
        [2, 3],
        [3, 1],
        [1, 2],
      ]) {
        const p: SafetyPolicy = {
          ...policy,
          consecutiveToAct: n as number,
          cleanToLift: m as number,
          rules: { ...policy.rules, [cls]: { threshold: 0.6, action } },
        };
        const t = new SourceTracker(p);
        const over = Array.from({ length: n as number }, () => explicit(cls));
        const clean = Array.from({ length: m as number }, () => SAFE_SCORES);
        const steps = replay(t, [...over, explicit(cls), ...clean]);
        // Nothing before the Nth, the act exactly at it, nothing while it stays over.
        for (let i = 0; i < (n as number) - 1; i++) expect(steps[i]).toEqual([]);
        expect(steps[(n as number) - 1]).toEqual([{ type: 'act', className: cls, score: 0.95, action }]);
        expect(steps[n as number]).toEqual([]);
        // Lifts exactly at the Mth clean sample.
        for (let i = 0; i < (m as number) - 1; i++) expect(steps[(n as number) + 1 + i]).toEqual([]);
        expect(steps.at(-1)).toEqual([{ type: 'lift', className: cls }]);
        expect(t.isActive(cls)).toBe(false);
      }
    });
  }

  it('one odd frame (or a broken run) never acts', () => {
    const t = new SourceTracker(policy);
    expect(replay(t, [explicit('porn'), SAFE_SCORES, explicit('porn'), SAFE_SCORES, explicit('porn')]).flat()).toEqual(
      [],
    );
  });

  it('a score between samples over the threshold resets the clean count', () => {
    const t = new SourceTracker({ ...policy, cleanToLift: 3 });
    const steps = replay(t, [
      explicit('porn'),
      explicit('porn'),
      SAFE_SCORES,
      SAFE_SCORES,
      explicit('porn'),
      SAFE_SCORES,
      SAFE_SCORES,
      SAFE_SCORES,
    ]);
    expect(steps.flat()).toEqual([
      { type: 'act', className: 'porn', score: 0.95, action: 'slate' },
      { type: 'lift', className: 'porn' },
    ]);
    expect(steps[7]).toEqual([{ type: 'lift', className: 'porn' }]);
  });

  it('scores under the default thresholds never act', () => {
    const t = new SourceTracker(policy);
    const nearly: SafetyScores = { drawing: 0, neutral: 0.05, porn: 0.69, hentai: 0.1, sexy: 0.16 };
    expect(replay(t, Array(10).fill(nearly)).flat()).toEqual([]);
  });

  it('a new threshold applies from the next sample', () => {
    const t = new SourceTracker(policy);
    const mild = explicit('sexy', 0.5);
    expect(replay(t, [mild, mild]).flat()).toEqual([]);
    t.setPolicy({ ...policy, rules: { ...policy.rules, sexy: { threshold: 0.4, action: 'blur' } } });
    expect(replay(t, [mild, mild]).flat()).toEqual([{ type: 'act', className: 'sexy', score: 0.5, action: 'blur' }]);
  });
});

describe('combining flags', () => {
  const flag = (over: Partial<ActiveFlag>): ActiveFlag => ({
    sourceId: 'program',
    source: { kind: 'program' },
    className: 'porn',
    score: 0.9,
    action: 'notify',
    since: 0,
    overridden: false,
    ...over,
  });
  const guest = { kind: 'guest' as const, guestUserId: 'g1' };

  it('the strongest mask wins; overridden flags do not count', () => {
    expect(combinedMask([])).toBe('none');
    expect(combinedMask([flag({ action: 'notify' })])).toBe('none');
    expect(combinedMask([flag({ action: 'blur' }), flag({ action: 'slate', className: 'hentai' })])).toBe('slate');
    expect(combinedMask([flag({ action: 'blur' }), flag({ action: 'slate', overridden: true })])).toBe('blur');
  });

  it('removing a guest removes only guests; on the program it blurs instead', () => {
    expect(effectiveAction('removeGuest', { kind: 'program' })).toBe('blur');
    expect(combinedMask([flag({ action: 'removeGuest' })])).toBe('blur');
    const g = flag({ action: 'removeGuest', source: guest, sourceId: sourceId(guest) });
    expect(combinedMask([g])).toBe('none');
    expect(removedGuests([g])).toEqual(['g1']);
    expect(removedGuests([{ ...g, overridden: true }])).toEqual([]);
    expect(sourceId(guest)).toBe('guest:g1');
  });
});
