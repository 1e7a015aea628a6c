// The alert queue on a fake clock: one alert at a time, each for its duration with a gap; a pause takes the
// one showing off and holds the rest; a skip ends the one showing early; a full queue drops and counts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALERT_GAP_MS, AlertQueue, MAX_QUEUED_ALERTS } from './alertQueue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const alert = (text: string) => ({ type: 'gift' as const, text, color: '#00ff00', durationMs: 1000 });

describe('alert queue', () => {
  it('shows alerts one at a time, never overlapping, in order', () => {
    const q = new AlertQueue();
    const log: string[] = [];
    const t0 = Date.now();
    q.on('show', (a) => log.push(`+${a.text}@${Date.now() - t0}`));
    q.on('hide', (a) => log.push(`-${a.text}@${Date.now() - t0}`));
    for (const t of ['a', 'b', 'c']) q.push(alert(t));
    expect(q.showing?.text).toBe('a');
    expect(q.queued).toBe(2);
    vi.advanceTimersByTime(3 * (1000 + ALERT_GAP_MS));
    const at = (s: string) => Number(s.split('@')[1]);
    expect(log.map((l) => l.split('@')[0])).toEqual(['+a', '-a', '+b', '-b', '+c', '-c']);
    expect(log.map(at)).toEqual([0, 1000, 1250, 2250, 2500, 3500]);
    expect(q.played).toBe(3);
  });

  it('pauses: the alert on screen leaves and comes back first when the VJ goes on', () => {
    const q = new AlertQueue();
    q.push(alert('a'));
    q.push(alert('b'));
    const hidden: string[] = [];
    q.on('hide', (a) => hidden.push(a.text));
    q.setPaused(true);
    expect(q.showing).toBeNull();
    expect(hidden).toEqual(['a']);
    vi.advanceTimersByTime(10_000);
    expect(q.showing).toBeNull();
    q.setPaused(false);
    expect(q.showing?.text).toBe('a');
    expect(q.queued).toBe(1);
  });

  it('skips: the alert on screen leaves at once, the next shows after the gap, and the list of next ones follows', () => {
    const q = new AlertQueue();
    const t0 = Date.now();
    const log: string[] = [];
    q.on('show', (a) => log.push(`+${a.text}@${Date.now() - t0}`));
    q.on('hide', (a) => log.push(`-${a.text}@${Date.now() - t0}`));
    for (const t of ['a', 'b', 'c']) q.push(alert(t));
    expect(q.upNext(5).map((a) => a.text)).toEqual(['b', 'c']);
    expect(q.upNext(1).map((a) => a.text)).toEqual(['b']);
    vi.advanceTimersByTime(100);
    expect(q.skip()).toBe(true);
    expect(q.showing).toBeNull();
    expect(q.skip()).toBe(false); // nothing on screen during the gap
    vi.advanceTimersByTime(ALERT_GAP_MS);
    expect(q.showing?.text).toBe('b');
    expect(q.upNext(5).map((a) => a.text)).toEqual(['c']);
    // The skipped alert's own timer is gone: b runs its whole second.
    vi.advanceTimersByTime(999);
    expect(q.showing?.text).toBe('b');
    vi.advanceTimersByTime(1 + ALERT_GAP_MS);
    expect(log).toEqual([
      '+a@0',
      '-a@100',
      `+b@${100 + ALERT_GAP_MS}`,
      `-b@${1100 + ALERT_GAP_MS}`,
      `+c@${1100 + 2 * ALERT_GAP_MS}`,
    ]);
    expect(q.played).toBe(3);
  });

  it(`keeps at most ${MAX_QUEUED_ALERTS} waiting and counts the rest as dropped`, () => {
    const q = new AlertQueue();
    q.push(alert('showing'));
    for (let i = 0; i < MAX_QUEUED_ALERTS + 25; i++) q.push(alert(String(i)));
    expect(q.queued).toBe(MAX_QUEUED_ALERTS);
    expect(q.dropped).toBe(25);
  });
});
