// The alert queue on a fake clock: one alert at a time, each for its duration with a gap; a pause takes the
// one showing off and holds the rest; a full queue drops and counts.
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

  it(`keeps at most ${MAX_QUEUED_ALERTS} waiting and counts the rest as dropped`, () => {
    const q = new AlertQueue();
    q.push(alert('showing'));
    for (let i = 0; i < MAX_QUEUED_ALERTS + 25; i++) q.push(alert(String(i)));
    expect(q.queued).toBe(MAX_QUEUED_ALERTS);
    expect(q.dropped).toBe(25);
  });
});
