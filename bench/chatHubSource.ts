// bench:chat's --source hub: viewers that flood the room through the platform's real chat hub, from a worker thread.
import { Worker } from 'node:worker_threads';
import type { Studio } from '../main/app';
import { signUp } from '../testSupport/platform';

export interface HubFlood {
  start(rate: number, startAt: number): void;
  stop(): Promise<{ sent: number; held: number; refused: number }>;
  close(): Promise<void>;
}

/** The text's stamp, `bench#<number>@<scheduled ms>`: the page reads the scheduled time back from it. */
export const HUB_STAMP = /bench#(\d+)@(\d+)$/;

/**
 * Signs `senders` viewers up and joins them to the room in the worker. The room's budget and the per-viewer
 * limits are the platform's options (the bench raises them: Tencent's default is 40 messages/s a room).
 */
export async function startHubFlood(
  platform: { httpUrl: string; imUrl: string },
  groupId: string,
  words: readonly string[],
  senders: number,
): Promise<HubFlood> {
  const tokens: string[] = [];
  for (let i = 0; i < senders; i++) tokens.push((await signUp(platform.httpUrl, `flood_${i}`, `观众${i}`)).token);
  const w = new Worker(new URL('./chatHubSender.worker.mjs', import.meta.url), {
    workerData: { imUrl: platform.imUrl, groupId, tokens, words },
  });
  const next = () =>
    new Promise<Record<string, number | string>>((done, reject) => {
      w.once('message', done);
      w.once('error', reject);
    });
  const ready = await next();
  if (ready.ok !== 'ready') throw new Error(`the hub flood did not start: ${JSON.stringify(ready)}`);
  return {
    start: (rate, startAt) => w.postMessage({ cmd: 'start', rate, startAt }),
    stop: async () => {
      const reply = next();
      w.postMessage({ cmd: 'stop' });
      const r = await reply;
      return { sent: Number(r.sent), held: Number(r.held), refused: Number(r.refused) };
    },
    close: async () => {
      w.postMessage({ cmd: 'close' });
      await new Promise((done) => w.once('exit', done));
    },
  };
}

/**
 * The lines (not joins or leaves) in the studio's SQLite once the count reaches `expected` or stops moving for
 * 10 s, 5 minutes at most: a studio still catching up from the hub's log keeps the count moving.
 */
export async function storedOnceSettled(studio: Studio, expected: number, users: string): Promise<number> {
  const count = () =>
    (
      studio.storage.db
        .prepare(`SELECT COUNT(*) AS c FROM chat_messages WHERE user_id LIKE ? AND kind NOT IN ('join', 'leave')`)
        .get(users) as { c: number }
    ).c;
  let last = -1;
  let still = 0;
  const started = Date.now();
  for (let waited = 0; waited < 300_000; waited += 500) {
    const n = count();
    if (n >= expected || still >= 10_000) {
      if (waited)
        process.stderr.write(`chat bench: ${n} of ${expected} stored after ${Date.now() - started} ms more\n`);
      return n;
    }
    still = n === last ? still + 500 : 0;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
  return count();
}

/** The flood's stamped lines (one in ten) in the full-text index, and a sample of them found one by one by the chat's own search. */
export async function checkSearchable(studio: Studio, roomId: string, sent: number): Promise<string> {
  const indexed = (
    studio.storage.db
      .prepare(`SELECT COUNT(*) AS c FROM chat_messages_fts WHERE chat_messages_fts MATCH '"bench#"'`)
      .get() as { c: number }
  ).c;
  const sample = 200;
  let found = 0;
  for (let k = 0; k < sample; k++) {
    const n = 10 * Math.floor(((k + Math.random()) / sample) * Math.floor(sent / 10)); // the stamped ones
    const hits = await studio.chat.search(`bench#${n}@`, roomId, 5);
    if (hits.length === 1 && HUB_STAMP.exec(hits[0]!.text)?.[1] === String(n)) found++;
  }
  return `${indexed} lines in the full-text index; ${found} of ${sample} sampled lines found by the chat's search`;
}
