// The audience of a soak, in a process of its own so its sockets and memory never count as the studio's: chat at
// a steady rate from several real hub clients, a viewer joining and one leaving every second, a gift every few
// seconds through the platform's gift API, and scripted co-host guests on the studio's request (IPC).
import { randomUUID } from 'node:crypto';
import { api, ChatClient, signUp } from '../../testSupport/platform';
import { ScriptedGuest } from '../../testSupport/scriptedGuest';

export interface CrowdOptions {
  httpUrl: string;
  imUrl: string;
  roomId: string;
  groupId: string;
  hostId: string;
  ffmpeg: string;
  chatPerSecond: number;
  giftEverySeconds: number;
  /** Viewers connected at once; one more joins and the longest-connected leaves every second. */
  viewers: number;
}

export type CrowdRequest = { type: 'guestJoin' } | { type: 'guestLeave'; userId: string } | { type: 'stop' };
export type CrowdReply =
  | { type: 'ready' }
  | { type: 'guestJoined'; userId: string }
  | { type: 'figures'; sent: number; refused: number; joins: number; leaves: number; gifts: number; errors: string[] }
  | { type: 'failed'; message: string };

/** The hub lets 5 messages a second through per user: enough senders for the rate, each below it. */
const PER_SENDER_PER_SECOND = 4;
const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });

async function main(o: CrowdOptions, send: (r: CrowdReply) => void): Promise<void> {
  const figures = { sent: 0, refused: 0, joins: 0, leaves: 0, gifts: 0, errors: [] as string[] };
  const note = (e: unknown) => {
    if (figures.errors.length < 20) figures.errors.push((e as Error).message ?? String(e));
  };
  const tag = randomUUID().slice(0, 6);
  const sessionOf = async (name: string) => signUp(o.httpUrl, `${name}_${tag}`.slice(0, 32));

  const senderCount = Math.max(1, Math.ceil(o.chatPerSecond / PER_SENDER_PER_SECOND));
  const senders: ChatClient[] = [];
  for (let i = 0; i < senderCount; i++) {
    const s = await sessionOf(`chat${i}`);
    const c = await ChatClient.connect(o.imUrl, s.token);
    await c.request({ type: 'join', groupId: o.groupId });
    senders.push(c);
  }
  const pool = await Promise.all(Array.from({ length: o.viewers * 2 }, (_, i) => sessionOf(`viewer${i}`)));
  const giver = await sessionOf('giver');
  await api(o.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 1_000_000 }, giver.token);
  const connected: { token: string; client: ChatClient }[] = [];
  let nextViewer = 0;
  let seq = 0;
  const timers: NodeJS.Timeout[] = [];

  // Chat: the rate spread evenly over the second, each line from the next sender in turn.
  timers.push(
    setInterval(() => {
      const c = senders[seq % senders.length]!;
      c.send({
        type: 'send',
        reqId: `m${seq}`,
        groupId: o.groupId,
        elem: text(`soak line ${seq} ${'♪'.repeat(seq % 7)}`),
      });
      seq++;
      figures.sent++;
    }, 1000 / o.chatPerSecond),
  );
  // Senders keep no history: the room's 40 lines a second would otherwise pile up in this process.
  timers.push(
    setInterval(() => {
      for (const c of senders) {
        figures.refused += c.frames.filter((f) => f.type === 'error').length;
        c.frames.length = 0;
      }
    }, 1000),
  );
  // Viewers: one joins, and once the room holds its number, the one there longest leaves.
  timers.push(
    setInterval(() => {
      const s = pool[nextViewer++ % pool.length]!;
      if (connected.some((v) => v.token === s.token)) return;
      void ChatClient.connect(o.imUrl, s.token)
        .then(async (client) => {
          connected.push({ token: s.token, client });
          const joined = await client.request({ type: 'join', groupId: o.groupId }).catch((e: Error) => e);
          if (joined instanceof Error || joined.type !== 'joined') {
            // A viewer who could not get in leaves at once: the room may have ended.
            connected.splice(
              connected.findIndex((v) => v.client === client),
              1,
            );
            client.close();
            throw new Error(`a viewer could not join: ${joined instanceof Error ? joined.message : joined.type}`);
          }
          client.frames.length = 0;
          client.ws.on('message', () => (client.frames.length = 0));
          figures.joins++;
          while (connected.length > o.viewers) {
            connected.shift()!.client.close();
            figures.leaves++;
          }
        })
        .catch(note);
    }, 1000),
  );
  // Gifts through the platform's API, each with its own request id (billing is idempotent per id).
  timers.push(
    setInterval(() => {
      void api(
        o.httpUrl,
        'POST',
        `/api/v1/rooms/${o.roomId}/gifts`,
        { giftId: 'heart', count: 1, requestId: randomUUID() },
        giver.token,
      )
        .then((r) => (r.status === 200 ? figures.gifts++ : note(new Error(`gift refused: ${JSON.stringify(r.body)}`))))
        .catch(note);
    }, o.giftEverySeconds * 1000),
  );
  timers.push(setInterval(() => send({ type: 'figures', ...figures }), 5000));

  const guests = new Map<string, ScriptedGuest>();
  let guestNo = 0;
  process.on('message', (m: CrowdRequest) => {
    void (async () => {
      if (m.type === 'guestJoin') {
        const s = await sessionOf(`guest${++guestNo}`);
        const g = await ScriptedGuest.join({
          imUrl: o.imUrl,
          token: s.token,
          userId: s.userId,
          hostId: o.hostId,
          groupId: o.groupId,
          ffmpegPath: o.ffmpeg,
          color: guestNo % 2 ? 'red' : 'green',
          answer: 'accept',
        });
        guests.set(s.userId, g);
        send({ type: 'guestJoined', userId: s.userId });
      } else if (m.type === 'guestLeave') {
        guests.get(m.userId)?.close();
        guests.delete(m.userId);
      } else if (m.type === 'stop') {
        for (const t of timers) clearInterval(t);
        for (const g of guests.values()) g.close();
        for (const c of [...senders, ...connected.map((v) => v.client)]) c.close();
        send({ type: 'figures', ...figures });
        setTimeout(() => process.exit(0), 200);
      }
    })().catch((e: Error) => send({ type: 'failed', message: e.message }));
  });
  send({ type: 'ready' });
}

// Started by the soak with fork(): the options arrive as the first argument.
const send = (r: CrowdReply) => (process.connected ? process.send?.(r) : undefined);
main(JSON.parse(process.argv[2] ?? '{}') as CrowdOptions, send).catch((e: Error) => {
  send({ type: 'failed', message: e.message });
  setTimeout(() => process.exit(1), 200);
});
