// The load generator of bench/platform.bench.ts, in a child process: guest sessions, sockets that join one room,
// the host's 40 msg/s sender, and a 1 ms latency histogram measured from each message's scheduled send time.
// A process of its own, not a thread: its sockets' descriptors count against its own file limit, not the platform's.
/* global fetch, setInterval, clearInterval */
import WebSocket from 'ws';
import { joinAsViewer } from './platformViewer.mjs';

// The first message is the setup; commands that come before the generator listens wait in the inbox.
const inbox = [];
let deliver = null;
let started = false;
process.on('message', (m) => {
  if (!started) {
    started = true;
    void workerMain(m);
  } else if (deliver) deliver(m);
  else inbox.push(m);
});
const parentPort = {
  on: (_event, listener) => {
    deliver = listener;
    for (const m of inbox.splice(0)) listener(m);
  },
  postMessage: (m) => process.send(m),
  close: () => process.disconnect(),
};

const BUCKETS = 5000;
const RATE = 40;

async function workerMain(init) {
  const tokens = [];
  const sockets = [];
  let hist = new Uint32Array(BUCKETS + 1);
  let received = 0;
  let host = null;
  let broadcasting = null;
  let cpuMark = process.cpuUsage();
  const cpuSince = (mark) => {
    const u = process.cpuUsage(mark);
    return u.user + u.system;
  };

  const onTime = (at, now) => {
    hist[Math.min(BUCKETS, Math.max(0, now - at))]++;
    received++;
  };
  const { hostname, port } = new URL(init.imUrl);
  const connectAndJoin = (token) =>
    joinAsViewer({ host: hostname, port: Number(port), token, groupId: init.groupId, onTime });

  // The host talks through the ws library (one socket); the viewers are the bench's bare clients.
  const connectHost = (token) =>
    new Promise((done, reject) => {
      const ws = new WebSocket(`${init.imUrl}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
      ws.on('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'join', groupId: init.groupId, reqId: 'j' })));
      const first = (data) => {
        const s = String(data);
        if (s.includes('"type":"joined"')) {
          ws.off('message', first);
          done(ws);
        } else if (s.includes('"type":"error"')) reject(new Error(s));
      };
      ws.on('message', first);
    });

  if (init.hostToken) host = await connectHost(init.hostToken);

  parentPort.on('message', async (m) => {
    const reply = (r) => parentPort.postMessage(r);
    switch (m.cmd) {
      case 'guests': {
        // Guest sessions are made before the clock starts: join throughput measures socket + join only.
        for (let i = 0; i < m.count; i += 20) {
          const batch = Math.min(20, m.count - i);
          const made = await Promise.all(
            Array.from({ length: batch }, async () => {
              const res = await fetch(`${init.httpUrl}/api/v1/sessions/guest`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: '{}',
              });
              return (await res.json()).token;
            }),
          );
          tokens.push(...made);
        }
        return reply({ ok: 'guests' });
      }
      case 'join': {
        const start = Date.now();
        const cpuAtStart = process.cpuUsage();
        let joined = 0;
        let failed = 0;
        const queue = tokens.splice(0, m.count);
        const lanes = Array.from({ length: m.concurrency }, async () => {
          for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
            try {
              sockets.push(await connectAndJoin(t));
              joined++;
            } catch {
              failed++;
            }
          }
        });
        await Promise.all(lanes);
        return reply({ ok: 'join', joined, failed, ms: Date.now() - start, cpuUs: cpuSince(cpuAtStart) });
      }
      case 'reset':
        hist = new Uint32Array(BUCKETS + 1);
        received = 0;
        cpuMark = process.cpuUsage();
        return reply({ ok: 'reset' });
      case 'send': {
        // One message every 25 ms on a fixed schedule; the text carries the scheduled time.
        const total = Math.round(m.seconds * RATE);
        let sent = 0;
        await new Promise((done) => {
          const tick = () => {
            const now = Date.now();
            while (sent < total && m.startAt + (sent * 1000) / RATE <= now) {
              const at = Math.round(m.startAt + (sent * 1000) / RATE);
              host.send(
                JSON.stringify({
                  type: 'send',
                  groupId: init.groupId,
                  priority: 'Normal',
                  elem: { type: 'TIMTextElem', payload: { text: `${at}|${sent}` } },
                }),
              );
              sent++;
            }
            if (sent >= total) return done();
            setTimeout(tick, Math.max(0, m.startAt + (sent * 1000) / RATE - Date.now()));
          };
          setTimeout(tick, Math.max(0, m.startAt - Date.now()));
        });
        return reply({ ok: 'send', sent });
      }
      case 'broadcast': {
        // The host keeps talking at 40 msg/s (a room that is live while viewers pour in) until told to stop.
        clearInterval(broadcasting);
        let n = 0;
        broadcasting = m.on
          ? setInterval(() => {
              const at = Date.now();
              host.send(
                JSON.stringify({
                  type: 'send',
                  groupId: init.groupId,
                  priority: 'Normal',
                  elem: { type: 'TIMTextElem', payload: { text: `${at}|b${n++}` } },
                }),
              );
            }, 1000 / RATE)
          : null;
        return reply({ ok: 'broadcast' });
      }
      case 'report':
        return reply({ ok: 'report', hist: Array.from(hist), received, cpuUs: cpuSince(cpuMark) });
      case 'stop':
        clearInterval(broadcasting);
        for (const s of sockets) s.destroy();
        host?.terminate();
        reply({ ok: 'stop' });
        return parentPort.close();
    }
  });
}
