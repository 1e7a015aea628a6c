// A hostile viewer against a real studio on air: the real platform on loopback (its hub, API and ingest), a
// studio built by the composition root on a temporary folder pushing through its real media engine, and its
// chat connected to the room. The viewer's forged gift, like total, moderation notice, pin, slow mode and
// mute-all change nothing the VJ sees (figures, top gifters, {latestGift}, the moderation log, the pin), while a
// gift billed through the platform's API and a real like count as they should.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ChatClient, signUp, tempPlatform } from '../../testSupport/platform';
import { callStudio, until } from '../../testSupport/studioCalls';
import { createStudio, type Studio } from '../app';
import type { EventPayload } from '../contract';

interface ChatLine {
  id: string;
  kind: string;
  userId: string;
  nick: string;
  text: string;
  gift?: { name: string; count: number };
}

let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
let mallory: ChatClient;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-trust-'));
const stats: EventPayload<'session.stats'>[] = [];

const call = <T = unknown>(name: string, input: unknown = {}) => callStudio<T>(studio, name, input);

beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 });
  await signUp(p.httpUrl, 'vj_onair', 'VJ');
  studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  studio.bus.subscribe((name, payload) => {
    if (name === 'session.stats') stats.push(payload);
  });
  await call('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl });
  await call('account.signIn', { userId: 'vj_onair', password: 'secret-pw' });
  await call('media.start', { preset: '720p30' });
}, 60_000);
afterAll(async () => {
  mallory?.close();
  await studio?.close();
  await p?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('a hostile viewer while the studio is live', () => {
  it('forges every room signal and changes nothing; a billed gift and a real like still count', async () => {
    const live = await call<{ roomId: string }>('session.goLive', { title: 'Trust on air', record: false });
    const room = await api<{ groupId: string }>(p.httpUrl, 'GET', `/api/v1/rooms/${live.roomId}`);
    const groupId = room.body.groupId;
    const vj = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions', {
      userId: 'vj_onair',
      password: 'secret-pw',
    });
    await call('chat.connect', {
      mode: 'platform',
      platformUrl: p.httpUrl,
      token: vj.body.token,
      userId: 'vj_onair',
      roomId: groupId,
    });

    const m = await signUp(p.httpUrl, 'mallory_x', 'Mallory');
    mallory = await ChatClient.connect(p.imUrl, m.token);
    await mallory.request({ type: 'join', groupId });
    const chatLine = { id: 'x', roomId: groupId, kind: 'text', userId: 'mallory_x', nick: 'M', text: 'OWNED', at: 1 };
    const forged = [
      { type: 'gift', giftId: 'crown', name: 'Crown', count: 1, value: 99_999, from: { userId: 'mallory_x' } },
      { type: 'like', count: 1, total: 1_000_000 },
      { type: 'moderation', action: 'ban', actor: 'invented_mod', target: 'someone', detail: 'for good' },
      { type: 'pin', message: chatLine },
      { type: 'slowMode', seconds: 3600 },
      { type: 'muteAll', on: true },
    ];
    for (const data of forged) {
      for (const priority of ['High', 'Normal'] as const) {
        const answer = await mallory.request({
          type: 'send',
          groupId,
          priority,
          elem: { type: 'TIMCustomElem', payload: { data: JSON.stringify(data), description: 'gift' } },
        });
        expect(answer).toMatchObject({ type: 'error', code: 'forbidden' });
      }
    }
    const high = await mallory.request({
      type: 'send',
      groupId,
      priority: 'High',
      elem: { type: 'TIMTextElem', payload: { text: 'never dropped' } },
    });
    expect(high).toMatchObject({ type: 'error', code: 'forbidden' });
    const said = await mallory.request({
      type: 'send',
      groupId,
      elem: { type: 'TIMTextElem', payload: { text: 'hi' } },
    });
    expect(said.type).toBe('ack');

    // The real thing: a guest pays for 2 hearts (10 coins each) through the platform's gift API, and likes once.
    const payer = await api<{ token: string; userId: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', {
      nickname: 'Payer',
    });
    const bought = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${live.roomId}/gifts`,
      { giftId: 'heart', count: 2, requestId: randomUUID() },
      payer.body.token,
    );
    expect(bought.status).toBe(200);
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${live.roomId}/likes`, { count: 1 }, payer.body.token)).status,
    ).toBe(200);

    const last = await until('the billed gift and the like in the live figures', () => {
      const s = stats.at(-1);
      return s && s.gifts === 2 && s.likes === 1 ? s : undefined;
    });
    expect(last).toMatchObject({ gifts: 2, giftValue: 20, likes: 1, latestGift: 'Payer × 2 Heart' });
    const scenes = await call<{ figures: { likes: number | null; latestGift: string | null } }>('scenes.state');
    expect(scenes.figures).toMatchObject({ likes: 1, latestGift: 'Payer × 2 Heart' });
    let recent: ChatLine[] = [];
    await until('mallory’s ordinary line in the feed', async () => {
      recent = (await call<{ items: ChatLine[] }>('chat.recent', { limit: 100 })).items;
      return recent.some((l) => l.text === 'hi');
    });
    // Nothing forged reached the feed, the room's state or the moderation log.
    const lines = recent.filter((l) => l.userId === 'mallory_x' && l.kind !== 'join' && l.kind !== 'leave');
    expect(lines.map((l) => [l.kind, l.text])).toEqual([['text', 'hi']]);
    expect(recent.some((l) => l.text.includes('OWNED'))).toBe(false);
    // The one gift line is the billed one, announced by the platform and naming its buyer.
    expect(recent.filter((l) => l.kind === 'gift').map((l) => [l.userId, l.nick, l.gift])).toEqual([
      [payer.body.userId, 'Payer', { name: 'Heart', count: 2 }],
    ]);
    const status = await call<{ pinned: unknown; slowModeSeconds: number; muteAll: boolean }>('chat.status');
    expect(status).toMatchObject({ pinned: null, slowModeSeconds: 0, muteAll: false });
    const log = await call<{ entries: { actor: string }[] }>('chat.moderationLog', { limit: 100 });
    expect(log.entries.map((e) => e.actor)).not.toContain('invented_mod');

    // The VJ's own pin still works: the hub re-sends it from its identity, and the studio keeps it.
    const hiLine = recent.find((l) => l.text === 'hi')!;
    await call('chat.moderate', { action: 'pin', messageId: hiLine.id });
    expect((await call<{ pinned: { text: string } | null }>('chat.status')).pinned?.text).toBe('hi');

    const ended = await call<{ broadcastId: string }>('session.end');
    const report = await call<{
      broadcast: { gifts: number; giftValue: number; likes: number };
      topGifters: unknown[];
    }>('history.get', { id: ended.broadcastId });
    expect(report.broadcast).toMatchObject({ gifts: 2, giftValue: 20, likes: 1 });
    expect(report.topGifters).toEqual([{ userId: payer.body.userId, nickname: 'Payer', value: 20, gifts: 2 }]);
  }, 120_000);
});
