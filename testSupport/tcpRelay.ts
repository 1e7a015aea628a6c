// A loopback TCP relay in front of a server, so a test can cut a client's real connection and hold it off a while.
import { createServer, connect, type Socket } from 'node:net';

export interface TcpRelay {
  /** http://127.0.0.1:PORT, relayed to the target. */
  url: string;
  /** Cuts every relayed connection now, and refuses new ones until `resume`. */
  cut(): void;
  resume(): void;
  /** Connections accepted so far (a client's reconnects show here). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  const open = new Set<Socket>();
  let refusing = false;
  let accepted = 0;
  const server = createServer((client) => {
    if (refusing) return client.destroy();
    accepted++;
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      refusing = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    resume() {
      refusing = false;
    },
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise((done) => {
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
  };
}
