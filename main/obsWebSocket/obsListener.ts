// The listening socket of the obs-websocket server: chooses the subprotocol (JSON or MessagePack), bounds
// message size and the number of clients, and fans events out to every identified session.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { encodingOf } from './codec';
import { ObsSession, type SessionHost } from './obsSession';
import { MAX_MESSAGE_BYTES, MAX_SESSIONS, SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK } from './protocol';

export interface ObsListener {
  port: number;
  sessions(): number;
  broadcast(eventType: string, intent: number, data?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function listenObsWebSocket(
  host: string,
  port: number,
  sessionHost: SessionHost,
  onSessionsChanged: () => void = () => {},
): Promise<ObsListener> {
  const sessions = new Set<ObsSession>();
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end('This is the studio’s obs-websocket server: connect with an obs-websocket 5 client.');
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) =>
      offered.has(SUBPROTOCOL_MSGPACK) ? SUBPROTOCOL_MSGPACK : offered.has(SUBPROTOCOL_JSON) ? SUBPROTOCOL_JSON : false,
  });
  server.on('upgrade', (req, socket, head) => {
    if (sessions.size >= MAX_SESSIONS) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
      const session = new ObsSession(ws, encodingOf(ws.protocol), peer, sessionHost);
      sessions.add(session);
      onSessionsChanged();
      // A broken frame or an oversized message ends this client only (ws closes it with 1002 or 1009).
      ws.on('error', (err) => sessionHost.log(`obs-websocket ${peer}: ${err.message}`));
      ws.on('close', () => {
        sessions.delete(session);
        onSessionsChanged();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    sessions: () => sessions.size,
    broadcast(eventType, intent, data) {
      for (const s of sessions) s.event(eventType, intent, data);
    },
    async close() {
      for (const client of wss.clients) client.close(1001, 'The studio is closing the obs-websocket server.');
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients that do not answer the close handshake are cut after a moment.
        setTimeout(() => {
          for (const client of wss.clients) client.terminate();
          server.closeAllConnections();
        }, 1000).unref();
      });
    },
  };
}
