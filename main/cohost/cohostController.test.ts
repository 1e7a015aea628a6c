import { describe, expect, it } from 'vitest';
import {
  CohostController,
  ENDED_REMEMBERED,
  MAX_REMEMBERED_ASKERS,
  MAX_WAITING_REQUESTS,
  REQUEST_COOLDOWN_MS,
  type CohostDeps,
} from './cohostController';
import { parseGuestSignal } from './signals';

/** Real controller; a manual clock and a log of every effect in order. */
function setup(limits = {}) {
  const log: string[] = [];
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  let nextId = 1;
  const deps: CohostDeps = {
    async sendToGuest(userId, m) {
      log.push(`dm ${userId} ${m.type}${'reason' in m ? ':' + m.reason : ''}`);
    },
    async announce(n) {
      log.push(`room ${n.type} ${n.userId}`);
    },
    async guestStream(userId) {
      return {
        pushUrl: `rtmp://127.0.0.1/live/guest_${userId}?txSecret=x&txTime=ff`,
        pullUrl: `rtmp://127.0.0.1/live/guest_${userId}`,
      };
    },
    async addToComposite(userId) {
      log.push(`composite+ ${userId}`);
    },
    async removeFromComposite(userId) {
      log.push(`composite- ${userId}`);
    },
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((r) => setImmediate(r));
  };
  return { c: new CohostController(deps, limits), log, advance };
}

const accept = (inviteId: string) => ({ type: 'cohost.accept' as const, inviteId });

describe('CohostController', () => {
  it('announces a guest only after their frames arrive, and says "left" before closing their video', async () => {
    const { c, log } = setup();
    const g = await c.invite('alice');
    await c.onGuestSignal('alice', accept(g.inviteId));
    expect(c.get('alice')?.state).toBe('arriving');
    expect(log).toEqual(['dm alice cohost.invite', 'dm alice cohost.start', 'composite+ alice']);
    await c.onGuestFrames('alice');
    expect(c.get('alice')?.state).toBe('live');
    await c.remove('alice');
    expect(log.slice(3)).toEqual([
      'room cohost.joined alice',
      'room cohost.left alice',
      'composite- alice',
      'dm alice cohost.end:removed',
    ]);
    expect(c.get('alice')).toMatchObject({ state: 'ended', endReason: 'removed' });
  });

  it('ends on decline, and ignores an accept with the wrong invite id', async () => {
    const { c, log } = setup();
    const g = await c.invite('bob');
    await c.onGuestSignal('bob', accept('forged'));
    expect(c.get('bob')?.state).toBe('invited');
    await c.onGuestSignal('bob', { type: 'cohost.decline', inviteId: g.inviteId });
    expect(c.get('bob')).toMatchObject({ state: 'ended', endReason: 'declined' });
    expect(log).toEqual(['dm bob cohost.invite']);
  });

  it('times an invitation out after 30 s and tells the viewer', async () => {
    const { c, log, advance } = setup();
    await c.invite('carol');
    await advance(29_999);
    expect(c.get('carol')?.state).toBe('invited');
    await advance(1);
    expect(c.get('carol')).toMatchObject({ state: 'ended', endReason: 'timeout' });
    expect(log).toEqual(['dm carol cohost.invite', 'dm carol cohost.cancel:timeout']);
  });

  it('lets the VJ cancel an invitation in flight; a late accept then does nothing', async () => {
    const { c, log } = setup();
    const g = await c.invite('dan');
    await c.cancel('dan');
    await c.onGuestSignal('dan', accept(g.inviteId));
    expect(c.get('dan')).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(log).toEqual(['dm dan cohost.invite', 'dm dan cohost.cancel:cancelled']);
  });

  it('takes a vanished guest off the composite and tells the room first', async () => {
    const { c, log } = setup();
    const g = await c.invite('erin');
    await c.onGuestSignal('erin', accept(g.inviteId));
    await c.onGuestFrames('erin');
    log.length = 0;
    await c.onGuestLost('erin');
    expect(log).toEqual(['room cohost.left erin', 'composite- erin', 'dm erin cohost.end:lost']);
    expect(c.get('erin')?.endReason).toBe('lost');
  });

  it('gives up on an accepted guest whose stream never arrives, without announcing them', async () => {
    const { c, log, advance } = setup({ arrivalTimeoutMs: 5000 });
    const g = await c.invite('fay');
    await c.onGuestSignal('fay', accept(g.inviteId));
    await advance(5000);
    expect(c.get('fay')?.endReason).toBe('no_stream');
    expect(log.filter((l) => l.startsWith('room'))).toEqual([]);
    expect(log).toContain('composite- fay');
  });

  it('ends every guest cleanly when the VJ ends the show', async () => {
    const { c, log } = setup();
    const a = await c.invite('gus');
    await c.onGuestSignal('gus', accept(a.inviteId));
    await c.onGuestFrames('gus');
    await c.invite('hal');
    log.length = 0;
    await c.endAll();
    expect(log).toEqual([
      'room cohost.left gus',
      'composite- gus',
      'dm gus cohost.end:show_ended',
      'dm hal cohost.cancel:cancelled',
    ]);
    expect(c.list().every((g) => g.state === 'ended')).toBe(true);
  });

  it('a guest may leave by themselves; the room hears it, the guest is not messaged back', async () => {
    const { c, log } = setup();
    const g = await c.invite('ivy');
    await c.onGuestSignal('ivy', accept(g.inviteId));
    await c.onGuestFrames('ivy');
    log.length = 0;
    await c.onGuestSignal('ivy', { type: 'cohost.leave' });
    expect(log).toEqual(['room cohost.left ivy', 'composite- ivy']);
  });

  it('holds at most three guests and accepts a viewer request', async () => {
    const { c } = setup();
    await c.invite('a');
    await c.invite('b');
    await c.onGuestSignal('z', { type: 'cohost.request' });
    await c.acceptRequest('z');
    expect(c.get('z')?.state).toBe('arriving');
    await expect(c.invite('d')).rejects.toThrow(/At most 3 guests/);
  });

  it('keeps a bounded list over a long show: at most 50 waiting requests and the latest 20 ended guests', async () => {
    const { c, advance } = setup();
    for (let i = 0; i < MAX_WAITING_REQUESTS + 10; i++) await c.onGuestSignal(`asker${i}`, { type: 'cohost.request' });
    const waiting = c.list().filter((g) => g.state === 'requested');
    expect(waiting).toHaveLength(MAX_WAITING_REQUESTS);
    // The first to ask are the ones kept; the later ones were not added.
    expect(c.get('asker0')?.state).toBe('requested');
    expect(c.get(`asker${MAX_WAITING_REQUESTS}`)).toBeUndefined();
    // Declining them all, then a show's worth of invitations that end, leaves only the latest ended entries.
    for (const g of waiting) await c.remove(g.userId);
    for (let i = 0; i < 200; i++) {
      const g = await c.invite(`viewer${i}`);
      await c.onGuestSignal(`viewer${i}`, { type: 'cohost.decline', inviteId: g.inviteId });
    }
    const ended = c.list().filter((g) => g.state === 'ended');
    expect(c.list()).toHaveLength(ENDED_REMEMBERED);
    expect(ended.map((g) => g.userId)).toContain('viewer199');
    expect(c.get('viewer0')).toBeUndefined();
    // A forgotten viewer may ask again once the cooldown has passed; a remembered one is still deduplicated.
    await advance(REQUEST_COOLDOWN_MS);
    await c.onGuestSignal('asker0', { type: 'cohost.request' });
    expect(c.get('asker0')?.state).toBe('requested');
  });

  it('parses only valid guest signals', () => {
    expect(parseGuestSignal('{"type":"cohost.request"}')).toEqual({ type: 'cohost.request' });
    expect(parseGuestSignal('{"type":"cohost.accept"}')).toBeNull();
    expect(parseGuestSignal('<script>')).toBeNull();
    expect(parseGuestSignal('x'.repeat(5000))).toBeNull();
  });

  it('stays bounded under a flood of 10,000 join requests from new viewers, some leaving again', async () => {
    const { c, advance } = setup();
    let largestState = 0;
    c.on('change', (list) => {
      largestState = Math.max(largestState, JSON.stringify(list).length);
    });
    for (let i = 0; i < 10_000; i++) {
      await c.onGuestSignal(`flood${i}`, { type: 'cohost.request' });
      if (i % 3 === 0) await c.onGuestSignal(`flood${i}`, { type: 'cohost.leave' });
      if (i % 100 === 0) await advance(50);
    }
    expect(c.list().filter((g) => g.state === 'requested').length).toBeLessThanOrEqual(MAX_WAITING_REQUESTS);
    expect(c.list().length).toBeLessThanOrEqual(MAX_WAITING_REQUESTS + ENDED_REMEMBERED);
    expect(c.rememberedAskers).toBeLessThanOrEqual(MAX_REMEMBERED_ASKERS);
    // What the UI is sent on a change never grows past the bounded list.
    expect(largestState).toBeLessThan((MAX_WAITING_REQUESTS + ENDED_REMEMBERED) * 250);
  });

  it('lets one viewer ask once per cooldown: asking and leaving 10,000 times changes the panel twice', async () => {
    const { c, advance } = setup();
    let changes = 0;
    c.on('change', () => changes++);
    for (let i = 0; i < 10_000; i++) {
      await c.onGuestSignal('looper', { type: 'cohost.request' });
      await c.onGuestSignal('looper', { type: 'cohost.leave' });
      if (i % 1000 === 0) await advance(1);
    }
    expect(changes).toBe(2); // asked once, left once
    await advance(REQUEST_COOLDOWN_MS);
    await c.onGuestSignal('looper', { type: 'cohost.request' });
    expect(c.get('looper')?.state).toBe('requested');
  });
});
