// The safety service on a real SQLite file with a classifier replaying scripted scores: each action reaches
// the media engine after N samples and lifts after M, the override is logged, events keep only 16×9
// thumbnails, the policy survives a restart, and alerts reach the platform over real HTTP.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { EventBus } from '../api';
import {
  defaultSafetyPolicy,
  type SafetyAction,
  type SafetyClass,
  type SafetyMask,
  type SafetyPolicy,
  type SafetyScores,
  type SafetySource,
} from '../contract/safety';
import { openStudioStorage, type StudioStorage } from '../storage';
import { SAFE_SCORES, ScriptedClassifier } from '../../testSupport/scriptedClassifier';
import { pixelate } from '../../common/safety/pixelate';
import { platformSink } from './platformSink';
import { SafetyEventStore } from './safetyEventStore';
import { SafetyService } from './safetyService';

const opened: { storage: StudioStorage; service: SafetyService }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.service.close();
    o.storage.close();
  }
});

function setup(file = join(mkdtempSync(join(tmpdir(), 'safety-svc-')), 'studio.db')) {
  const storage = openStudioStorage(file);
  const bus = new EventBus();
  const events: { name: string; payload: unknown }[] = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  const classifier = new ScriptedClassifier([]);
  const service = new SafetyService({
    settings: storage.settings,
    store: new SafetyEventStore(storage.db),
    bus,
    createClassifier: () => classifier,
    log: () => {},
  });
  const media = { masks: [] as SafetyMask[], guests: [] as [string, boolean][] };
  service.addActuator({
    setMask: (m) => void media.masks.push(m),
    setGuestRemoved: (g, r) => void media.guests.push([g, r]),
  });
  opened.push({ storage, service });
  return { file, storage, service, events, media, classifier };
}

const clearFrame = new Uint8Array(320 * 180 * 3).map((_, i) => (i * 13) % 256);
const over = (c: SafetyClass, p = 0.93): SafetyScores => ({ ...SAFE_SCORES, neutral: 1 - p, [c]: p });
function step(service: SafetyService, source: SafetySource, scores: SafetyScores): void {
  service.ingest(source, { ok: true, scores, thumb: pixelate(clearFrame, 320, 180, 3), ms: 1 });
}
const program: SafetySource = { kind: 'program' };
const guest: SafetySource = { kind: 'guest', guestUserId: 'guest-7' };

function policyWith(cls: SafetyClass, action: SafetyAction): SafetyPolicy {
  const p = structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy;
  p.rules[cls] = { threshold: 0.6, action };
  return p;
}

describe('SafetyService with scripted scores', () => {
  for (const [cls, action, source, expectMask, expectGuest] of [
    ['porn', 'notify', program, [], []],
    ['hentai', 'blur', program, ['blur', 'none'], []],
    ['porn', 'slate', program, ['slate', 'none'], []],
    [
      'sexy',
      'removeGuest',
      guest,
      [],
      [
        ['guest-7', true],
        ['guest-7', false],
      ],
    ],
    ['porn', 'slate', guest, ['slate', 'none'], []],
  ] as const) {
    it(`${cls} on the ${source.kind} → ${action}: after N=2 samples, lifted after M=3`, () => {
      const { service, events, media } = setup();
      service.setPolicy(policyWith(cls, action));
      step(service, source, over(cls));
      expect(service.state().active).toEqual([]);
      expect(events.filter((e) => e.name === 'safety.alert')).toEqual([]);
      step(service, source, over(cls));
      const alerts = events.filter((e) => e.name === 'safety.alert');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.payload).toMatchObject({ event: { kind: 'alert', className: cls, action }, source });
      expect(service.state().active).toMatchObject([{ className: cls, action, overridden: false }]);
      expect(media.masks).toEqual(expectMask.slice(0, 1));
      expect(media.guests).toEqual(expectGuest.slice(0, 1));
      step(service, source, SAFE_SCORES);
      step(service, source, SAFE_SCORES);
      expect(service.state().active).toHaveLength(1);
      step(service, source, SAFE_SCORES);
      expect(service.state().active).toEqual([]);
      expect(service.state().mask).toBe('none');
      expect(media.masks).toEqual(expectMask);
      expect(media.guests).toEqual(expectGuest);
      expect(service.listEvents(10).map((e) => e.kind)).toEqual(['lifted', 'alert']);
    });
  }

  it('stores only a 16×9 pixelated thumbnail with an alert', () => {
    const { service } = setup();
    step(service, program, over('porn'));
    step(service, program, over('porn'));
    const [alert] = service.listEvents(1);
    expect(alert?.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    const img = jpeg.decode(Buffer.from((alert?.thumbnail ?? '').split(',')[1] ?? '', 'base64'));
    expect([img.width, img.height]).toEqual([16, 9]);
    expect(alert?.message).toMatch(/Your output looks like porn \(93%\).*slate/);
  });

  it('the override lifts the mask, is logged, and the flag lifts by itself later', () => {
    const { service, media } = setup();
    step(service, program, over('porn'));
    step(service, program, over('porn'));
    expect(service.state().mask).toBe('slate');
    const state = service.override('program');
    expect(state.mask).toBe('none');
    expect(state.active).toMatchObject([{ className: 'porn', overridden: true }]);
    expect(media.masks).toEqual(['slate', 'none']);
    expect(service.listEvents(1)[0]).toMatchObject({ kind: 'override', sourceId: 'program', className: 'porn' });
    // Still over the threshold: no new alert, no new mask while overridden.
    step(service, program, over('porn'));
    expect(media.masks).toEqual(['slate', 'none']);
    for (let i = 0; i < 3; i++) step(service, program, SAFE_SCORES);
    expect(service.state().active).toEqual([]);
    expect(() => service.override('guest:nobody')).toThrow(/Nothing is flagged/);
  });

  it('a corrupt sample is skipped, counted, logged and told in plain words', () => {
    const { service, events } = setup();
    service.ingest(program, {
      ok: false,
      reason: 'corrupt',
      message: 'A sampled frame could not be read and was skipped (SOI not found).',
    });
    service.ingest(program, { ok: false, reason: 'busy', message: 'dropped' });
    expect(service.state().skipped).toBe(1);
    expect(service.listEvents(5)).toMatchObject([
      { kind: 'skipped', message: expect.stringMatching(/could not be read/) },
    ]);
    expect(events.find((e) => e.name === 'system.notice')?.payload).toMatchObject({
      level: 'warning',
      code: 'safety_sample_skipped',
    });
  });

  it('keeps the policy across a restart and refuses a bad one', async () => {
    const first = setup();
    const p = policyWith('sexy', 'blur');
    p.intervalMs = 3000;
    first.service.setPolicy(p);
    const again = setup(first.file);
    expect(again.service.getPolicy()).toEqual(p);
    expect(() => again.service.setPolicy({ ...p, consecutiveToAct: 0 })).toThrow();
  });

  it('samples fed frames through the sampler and the scripted classifier', async () => {
    const { service, classifier } = setup();
    const p = structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy;
    p.intervalMs = 500;
    service.setPolicy(p);
    classifier.play([over('porn'), over('porn')]);
    const timer = setInterval(
      () => service.feed(program, { format: 'rgb', width: 32, height: 18, data: new Uint8Array(32 * 18 * 3) }),
      100,
    );
    try {
      await expect.poll(() => service.state().mask, { timeout: 5000 }).toBe('slate');
    } finally {
      clearInterval(timer);
    }
    expect(service.state().samples).toBeGreaterThanOrEqual(2);
  });

  it('posts an alert to the platform with the room and the time while live', async () => {
    const got: { auth?: string; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        got.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { service } = setup();
      service.addAlertSink(platformSink(() => ({ serverUrl: url, token: 'tok', roomId: 'room-1' })));
      step(service, program, over('porn'));
      step(service, program, over('porn'));
      await expect.poll(() => got.length).toBe(1);
      expect(got[0]).toMatchObject({
        auth: 'Bearer tok',
        body: { roomId: 'room-1', origin: 'studio', className: 'porn', action: 'slate', sourceId: 'program' },
      });
      expect((got[0]?.body as { at: number }).at).toBeGreaterThan(Date.now() - 10_000);
    } finally {
      server.close();
    }
  });
});

describe('guest streams', () => {
  it('watches a guest whose stream arrives and forgets them when it goes, passing the call on', async () => {
    const { withGuestSafety } = await import('./guestWatch');
    const calls: string[] = [];
    const port = {
      running: true,
      setGuestStream: async (g: string, url: string | null) => void calls.push(`media ${g} ${url}`),
    };
    const safety = {
      watchGuest: (g: string, url: string) => void calls.push(`watch ${g} ${url}`),
      unwatchGuest: (g: string) => void calls.push(`unwatch ${g}`),
    };
    const wrapped = withGuestSafety(port, safety);
    await wrapped.setGuestStream('g1', 'rtmp://127.0.0.1/live/g1');
    await wrapped.setGuestStream('g1', null);
    expect(wrapped.running).toBe(true);
    expect(calls).toEqual([
      'watch g1 rtmp://127.0.0.1/live/g1',
      'media g1 rtmp://127.0.0.1/live/g1',
      'unwatch g1',
      'media g1 null',
    ]);
  });
});
