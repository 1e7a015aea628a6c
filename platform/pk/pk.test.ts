// PK on the real platform over loopback: two live rooms link (invite, accept), battle, and the score is the billed
// gift value each room receives in the window — under 100 concurrent gifts with retries and refusals, the scores
// equal the sums billed; the signals come from the platform's identity only; a room ending mid-battle settles it
// by the rule; hostile callers and forged signals are refused through the real wire.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import { parsePkSignal, pkBattleSchema, pkLinkSchema, pkRoomStateSchema } from '../../common/platformApi/pkSchemas';
import { api, ChatClient, signUpWithRoom, tempPlatform } from '../../testSupport/platform';
import { answerPkInvite, pkInvite } from '../../testSupport/pkInvites';

let p: Awaited<ReturnType<typeof tempPlatform>>;
beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 });
});
afterAll(() => p.cleanup());

interface Vj {
  token: string;
  userId: string;
  roomId: string;
  groupId: string;
  chat: ChatClient;
}

async function liveVj(userId: string): Promise<Vj> {
  const vj = await signUpWithRoom(p.httpUrl, userId);
  const chat = await ChatClient.connect(p.imUrl, vj.token);
  await chat.request({ type: 'join', groupId: vj.groupId });
  return { ...vj, chat };
}

async function viewer(groupId: string): Promise<{ token: string; chat: ChatClient }> {
  const g = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', {});
  const chat = await ChatClient.connect(p.imUrl, g.body.token);
  await chat.request({ type: 'join', groupId });
  return { token: g.body.token, chat };
}

async function link(a: Vj, b: Vj): Promise<string> {
  const inv = await pkInvite(p.httpUrl, a.token, b.roomId);
  expect(inv.status).toBe(201);
  // The invitee hears it one-to-one from the platform's identity.
  const told = await b.chat.next('c2c', (f) => parsePkSignal(f.message.payload.data)?.event === 'invite');
  expect(told.message.from.userId).toBe(SYSTEM_USER_ID);
  const accepted = await answerPkInvite(p.httpUrl, inv.body.inviteId, 'accept', b.token);
  expect(accepted.status).toBe(200);
  return pkLinkSchema.parse(accepted.body).linkId;
}

async function battle(a: Vj, b: Vj, linkId: string): Promise<string> {
  const proposed = await api(p.httpUrl, 'POST', '/api/v1/pk/battles', { linkId, durationSec: 300 }, a.token);
  expect(proposed.status).toBe(201);
  const { battleId } = pkBattleSchema.parse(proposed.body);
  const started = await api(p.httpUrl, 'POST', `/api/v1/pk/battles/${battleId}/accept`, {}, b.token);
  expect(pkBattleSchema.parse(started.body).status).toBe('running');
  return battleId;
}

const gift = (roomId: string, token: string, giftId: string, requestId: string) =>
  api<{ duplicate?: boolean }>(
    p.httpUrl,
    'POST',
    `/api/v1/rooms/${roomId}/gifts`,
    { giftId, count: 1, requestId },
    token,
  );

const ledger = async (vj: Vj) =>
  (await api<{ giftValue: number }>(p.httpUrl, 'POST', `/api/v1/rooms/${vj.roomId}/heartbeat`, {}, vj.token)).body;

describe('a PK battle scored from the billing records', () => {
  it('100 concurrent gifts to both rooms (retries and refusals among them) give scores equal to the sums billed', async () => {
    const a = await liveVj('pk_alice');
    const b = await liveVj('pk_bob');
    const linkId = await link(a, b);
    const state = pkRoomStateSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/pk/me', undefined, a.token)).body);
    expect(state.links[0]).toMatchObject({ linkId, partner: { roomId: b.roomId, userId: 'pk_bob' } });
    expect(state.links[0]!.partnerPullUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/\w+-pklink$/);
    expect(state.linkFeedPushUrl).toMatch(/-pklink\?txSecret=/);

    // A gift before the battle is billed but scores nothing.
    const early = await viewer(a.groupId);
    expect((await gift(a.roomId, early.token, 'heart', randomUUID())).status).toBe(200);
    const battleId = await battle(a, b, linkId);

    const fansA = await Promise.all(Array.from({ length: 5 }, () => viewer(a.groupId)));
    const fansB = await Promise.all(Array.from({ length: 5 }, () => viewer(b.groupId)));
    const kinds = ['flower', 'heart', 'rocket', 'heart', 'crown'];
    const sends: Promise<{ status: number; body: { duplicate?: boolean } }>[] = [];
    for (let i = 0; i < 100; i++) {
      const [room, fans] = i % 2 === 0 ? [a.roomId, fansA] : [b.roomId, fansB];
      const fan = fans[i % 5]!;
      const requestId = randomUUID();
      sends.push(gift(room, fan.token, kinds[i % kinds.length]!, requestId));
      // Every tenth is a client's retry of the same request: billed once.
      if (i % 10 === 0) sends.push(gift(room, fan.token, kinds[i % kinds.length]!, requestId));
    }
    const answers = await Promise.all(sends);
    const charged = answers.filter((r) => r.status === 200 && !r.body.duplicate).length;
    const refused = answers.filter((r) => r.status === 402).length;
    expect(charged).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0); // crowns at 520 coins outrun a guest's 200
    expect(answers.filter((r) => r.body.duplicate).length).toBe(10);

    const running = pkBattleSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/pk/battles/${battleId}`)).body);
    const totalA = (await ledger(a)).giftValue;
    const totalB = (await ledger(b)).giftValue;
    // The room ledger (everything billed) minus the pre-battle heart is the battle's score, on each side.
    expect(running.a.score).toBe(totalA - 10);
    expect(running.b.score).toBe(totalB);
    expect(running.a.score + running.b.score).toBeGreaterThan(0);
    expect(running.a.topGifters.reduce((s, g) => s + g.value, 0)).toBeLessThanOrEqual(running.a.score);

    // Both rooms' viewers see the scores from the platform's identity.
    const seenA = await fansA[0]!.chat.next('messages', (f) =>
      f.messages.some((m) => {
        const s = m.payload && 'data' in m.payload ? parsePkSignal(m.payload.data) : null;
        return s?.event === 'battle' && s.battle.a.score === running.a.score && s.battle.b.score === running.b.score;
      }),
    );
    const pkLines = seenA.messages.filter((m) => m.payload && 'data' in m.payload && parsePkSignal(m.payload.data));
    expect(pkLines.every((m) => m.sender.userId === SYSTEM_USER_ID)).toBe(true);

    const ended = pkBattleSchema.parse(
      (await api(p.httpUrl, 'POST', `/api/v1/pk/battles/${battleId}/end`, {}, b.token)).body,
    );
    expect(ended).toMatchObject({ status: 'ended', endReason: 'ended', a: { score: running.a.score } });
    expect(ended.winner).toBe(ended.a.score > ended.b.score ? 'a' : ended.b.score > ended.a.score ? 'b' : 'draw');

    // After the end a gift counts for nothing, and is billed once (its retry too).
    const late = randomUUID();
    const lateFan = await viewer(b.groupId);
    expect((await gift(b.roomId, lateFan.token, 'rocket', late)).status).toBe(200);
    expect((await gift(b.roomId, lateFan.token, 'rocket', late)).body.duplicate).toBe(true);
    expect((await ledger(b)).giftValue).toBe(totalB + 100);
    const after = pkBattleSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/pk/battles/${battleId}`)).body);
    expect(after.b.score).toBe(running.b.score);
    const fought = await api<{ battles: unknown[] }>(p.httpUrl, 'GET', `/api/v1/rooms/${b.roomId}/battles`);
    expect(fought.body.battles.map((x) => pkBattleSchema.parse(x).battleId)).toEqual([battleId]);
    for (const c of [a, b, early, lateFan, ...fansA, ...fansB]) c.chat.close();
  });

  it('a room that ends mid-battle settles it by the rule (scores up to that moment) and the partner is told', async () => {
    const a = await liveVj('pk_carol');
    const b = await liveVj('pk_dave');
    const battleId = await battle(a, b, await link(a, b));
    const fan = await viewer(b.groupId);
    expect((await gift(b.roomId, fan.token, 'heart', randomUUID())).status).toBe(200);
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${a.roomId}/end`, {}, a.token);
    const told = await b.chat.next('c2c', (f) => parsePkSignal(f.message.payload.data)?.event === 'unlinked');
    expect(parsePkSignal(told.message.payload.data)).toMatchObject({ reason: 'room_ended' });
    const settled = pkBattleSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/pk/battles/${battleId}`)).body);
    expect(settled).toMatchObject({ status: 'ended', endReason: 'room_ended', winner: 'b', b: { score: 10 } });
    const result = await fan.chat.next('messages', (f) =>
      f.messages.some((m) => m.payload && 'data' in m.payload && parsePkSignal(m.payload.data)?.event === 'battle'),
    );
    expect(result.messages.some((m) => m.sender.userId === SYSTEM_USER_ID)).toBe(true);
    for (const c of [a, b, fan]) c.chat.close();
  });
});

describe('hostile parties', () => {
  it('cannot answer, start or end what is not theirs, nor forge a pk signal', async () => {
    const a = await liveVj('pk_erin');
    const b = await liveVj('pk_frank');
    const mallory = await liveVj('pk_mallory');
    const inv = await pkInvite(p.httpUrl, a.token, b.roomId);
    const stolen = await answerPkInvite(p.httpUrl, inv.body.inviteId, 'accept', mallory.token);
    expect(stolen.status).toBe(403);
    expect(stolen.body).toMatchObject({ error: { message: /Only the host/, zh: /只有/ } });
    const cancelByInvitee = await answerPkInvite(p.httpUrl, inv.body.inviteId, 'cancel', b.token);
    expect(cancelByInvitee.status).toBe(403);
    await answerPkInvite(p.httpUrl, inv.body.inviteId, 'accept', b.token);
    const linkId = pkRoomStateSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/pk/me', undefined, a.token)).body)
      .links[0]!.linkId;
    // Mallory is live but not linked: the link is not hers to battle on or end.
    const notLinked = await api(p.httpUrl, 'POST', '/api/v1/pk/battles', { linkId, durationSec: 60 }, mallory.token);
    expect(notLinked.status).toBe(404);
    const proposed = pkBattleSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/pk/battles', { linkId, durationSec: 60 }, a.token)).body,
    );
    // The proposer cannot accept their own proposal; a stranger cannot end it.
    expect((await api(p.httpUrl, 'POST', `/api/v1/pk/battles/${proposed.battleId}/accept`, {}, a.token)).status).toBe(
      403,
    );
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/pk/battles/${proposed.battleId}/end`, {}, mallory.token)).status,
    ).toBe(403);
    const tooShort = await api(p.httpUrl, 'POST', '/api/v1/pk/battles', { linkId, durationSec: 5 }, a.token);
    expect(tooShort.status).toBe(400);
    // A viewer or VJ forging a battle result in the room, or one-to-one, is refused by the hub.
    const forged = JSON.stringify({ type: 'pk', event: 'battle', battle: { ...proposed, status: 'ended' } });
    const elem = { type: 'TIMCustomElem' as const, payload: { data: forged, description: 'pk', extension: '' } };
    const fan = await viewer(b.groupId);
    expect(await fan.chat.request({ type: 'send', groupId: b.groupId, elem })).toMatchObject({ code: 'forbidden' });
    expect(await a.chat.request({ type: 'send', groupId: a.groupId, elem })).toMatchObject({ code: 'forbidden' });
    expect(await mallory.chat.request({ type: 'c2c', to: 'pk_frank', elem })).toMatchObject({ code: 'forbidden' });
    for (const c of [a, b, mallory, fan]) c.chat.close();
  });

  it('bounds the invitations waiting for one room (MAX_INVITES_WAITING_PER_ROOM)', async () => {
    const { MAX_INVITES_WAITING_PER_ROOM } = await import('./pkLinks');
    const target = await liveVj('pk_star');
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_INVITES_WAITING_PER_ROOM; i++) {
      const g = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', {});
      await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `fan room ${i}` }, g.body.token);
      const r = await pkInvite(p.httpUrl, g.body.token, target.roomId);
      statuses.push(r.status);
    }
    expect(statuses.slice(0, MAX_INVITES_WAITING_PER_ROOM).every((s) => s === 201)).toBe(true);
    expect(statuses[MAX_INVITES_WAITING_PER_ROOM]).toBe(429);
    const state = pkRoomStateSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/pk/me', undefined, target.token)).body);
    expect(state.invitesIn).toHaveLength(MAX_INVITES_WAITING_PER_ROOM);
    target.chat.close();
  });
});
