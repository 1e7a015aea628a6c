// The chat flood of bench/chat.bench.ts --source hub, in a worker thread: viewers' sockets on the platform's real
// chat hub, sending the room's messages on a fixed schedule; each text carries its number and scheduled time.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/**
 * A flood repeats itself ("666", "来了"): nine lines in ten are the usual phrases, and every tenth carries a unique
 * stamp (its number and scheduled time) on which the lag and the search are measured.
 */
const STAMP_EVERY = 10;
/** A sender whose socket holds this much unsent data waits: the hub is behind, and that shows as lag. */
const SENDER_BACKLOG_BYTES = 4 * 1024 * 1024;

function connectAndJoin(imUrl, token, groupId) {
  return new Promise((done, reject) => {
    const ws = new WebSocket(`${imUrl}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('the sender did not join within 30 s')), 30_000);
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'join', groupId, reqId: 'j' })));
    const first = (data) => {
      const s = String(data);
      if (s.includes('"type":"joined"')) {
        clearTimeout(timer);
        ws.off('message', first);
        done(ws);
      } else if (s.includes('"type":"error"')) {
        clearTimeout(timer);
        reject(new Error(`the hub refused a sender: ${s}`));
      }
    };
    ws.on('message', first);
  });
}

async function workerMain(init) {
  const words = init.words;
  const sockets = await Promise.all(init.tokens.map((t) => connectAndJoin(init.imUrl, t, init.groupId)));
  // Acks and the room's messages from the other senders arrive here; only refusals are counted.
  let refused = 0;
  for (const ws of sockets)
    ws.on('message', (data) => {
      if (String(data).startsWith('{"type":"error"')) refused++;
    });
  let sent = 0;
  let held = 0;
  let timer = null;
  parentPort.postMessage({ ok: 'ready' });
  parentPort.on('message', (m) => {
    if (m.cmd === 'start') {
      const start = m.startAt;
      const from = sent;
      const tick = () => {
        // At most 20 ms worth per tick, so a hub that falls behind shows it as lag, not as a frozen loop.
        const due = Math.min(from + Math.floor(((Date.now() - start) / 1000) * m.rate), sent + Math.ceil(m.rate / 50));
        for (; sent < due; sent++) {
          const ws = sockets[sent % sockets.length];
          if (ws.bufferedAmount > SENDER_BACKLOG_BYTES) {
            held++;
            break;
          }
          const at = Math.round(start + ((sent - from) * 1000) / m.rate);
          ws.send(
            `{"type":"send","groupId":${JSON.stringify(init.groupId)},"priority":"Normal","elem":{"type":"TIMTextElem","payload":{"text":${JSON.stringify(sent % STAMP_EVERY === 0 ? `${words[sent % words.length]} bench#${sent}@${at}` : words[sent % words.length])}}}}`,
          );
        }
        timer = setTimeout(tick, 4);
      };
      tick();
    } else if (m.cmd === 'stop') {
      clearTimeout(timer);
      parentPort.postMessage({ ok: 'stopped', sent, held, refused });
    } else if (m.cmd === 'close') {
      for (const ws of sockets) ws.terminate();
      parentPort.close();
    }
  });
}

void workerMain(workerData);
