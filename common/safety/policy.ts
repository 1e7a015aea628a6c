// The safety policy's decisions, pure: scores in, "act" and "lift" transitions out. N consecutive samples over
// a class's threshold act; M consecutive clean samples lift. No clock, no I/O, so it is tested by replaying scores.
import type {
  ActiveFlag,
  SafetyAction,
  SafetyClass,
  SafetyMask,
  SafetyPolicy,
  SafetyScores,
  SafetySource,
} from './safetyModel';
import { safetyClasses } from './safetyModel';

export type Transition =
  | { type: 'act'; className: SafetyClass; score: number; action: SafetyAction }
  | { type: 'lift'; className: SafetyClass };

interface ClassCounter {
  over: number;
  clean: number;
  active: boolean;
  lastScore: number;
}

/** Follows one source (the program or one guest) sample after sample. */
export class SourceTracker {
  private readonly counters = new Map<SafetyClass, ClassCounter>();

  constructor(private policy: SafetyPolicy) {
    for (const c of safetyClasses) this.counters.set(c, { over: 0, clean: 0, active: false, lastScore: 0 });
  }

  /** A new policy keeps the counts: a threshold change applies from the next sample on. */
  setPolicy(policy: SafetyPolicy): void {
    this.policy = policy;
  }

  observe(scores: SafetyScores): Transition[] {
    const out: Transition[] = [];
    for (const className of safetyClasses) {
      const rule = this.policy.rules[className];
      const c = this.counters.get(className) as ClassCounter;
      const score = scores[className];
      c.lastScore = score;
      if (score >= rule.threshold) {
        c.over++;
        c.clean = 0;
        if (!c.active && c.over >= this.policy.consecutiveToAct) {
          c.active = true;
          out.push({ type: 'act', className, score, action: rule.action });
        }
      } else {
        c.over = 0;
        if (c.active) {
          c.clean++;
          if (c.clean >= this.policy.cleanToLift) {
            c.active = false;
            c.clean = 0;
            out.push({ type: 'lift', className });
          }
        }
      }
    }
    return out;
  }

  isActive(className: SafetyClass): boolean {
    return this.counters.get(className)?.active ?? false;
  }
}

/**
 * What an action means for a given source. Removing a guest only makes sense for a guest: on the composed
 * output nobody can tell whose picture it is, so the output is blurred instead (the safer side).
 */
export function effectiveAction(action: SafetyAction, source: SafetySource): SafetyAction {
  if (action === 'removeGuest' && source.kind === 'program') return 'blur';
  return action;
}

const maskRank: Record<SafetyMask, number> = { none: 0, blur: 1, slate: 2 };

/** The output's mask: the strongest of the flags in force. A guest's blur or slate covers the whole output it is in. */
export function combinedMask(flags: readonly ActiveFlag[]): SafetyMask {
  let mask: SafetyMask = 'none';
  for (const f of flags) {
    if (f.overridden) continue;
    const a = effectiveAction(f.action, f.source);
    const m: SafetyMask = a === 'slate' ? 'slate' : a === 'blur' ? 'blur' : 'none';
    if (maskRank[m] > maskRank[mask]) mask = m;
  }
  return mask;
}

/** Guests whose flags in force say "remove from the composite". */
export function removedGuests(flags: readonly ActiveFlag[]): string[] {
  const ids = new Set<string>();
  for (const f of flags) {
    if (!f.overridden && f.source.kind === 'guest' && f.action === 'removeGuest' && f.source.guestUserId)
      ids.add(f.source.guestUserId);
  }
  return [...ids].sort();
}

export function sourceId(source: SafetySource): string {
  return source.kind === 'program' ? 'program' : `guest:${source.guestUserId ?? ''}`;
}
