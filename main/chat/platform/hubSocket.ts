// The hub connection's socket, wherever it runs: on this thread through ws, or on the chat ingest thread, which
// then keeps a flood's plain text frames to itself (stored there) and hands this side only what it stored.
import WebSocket from 'ws';
import type { ChatItem } from '../../contract/chat';

/** Lines the ingest thread has already stored: the feed's newest, and how many older ones it did not hand on. */
export interface StoredLines {
  roomId: string;
  items: ChatItem[];
  skipped: number;
  /** The room's last sequence number among them: a rejoin asks for what came after it. */
  lastSeq: number;
}

export interface HubSocketEvents {
  open(): void;
  /** A frame, JSON-parsed but not yet checked against the hub's schemas. */
  frame(raw: unknown): void;
  /** The hub answered the upgrade with an HTTP status instead. */
  refused(status: number): void;
  error(message: string): void;
  close(code: number, reason: string): void;
  /** Only from a socket on the ingest thread: plain text lines it has stored. */
  stored?(lines: StoredLines): void;
}

export interface HubSocket {
  /** False when the socket is not open (nothing is sent). */
  send(text: string): boolean;
  close(code: number, reason: string): void;
}

export type HubSocketOpener = (url: string, events: HubSocketEvents) => HubSocket;

export const HUB_MAX_PAYLOAD = 8 * 1024 * 1024;

/** A socket on this thread; every frame is handed on. */
export function openLocalHubSocket(url: string, events: HubSocketEvents): HubSocket {
  const ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: HUB_MAX_PAYLOAD });
  ws.on('open', () => events.open());
  ws.on('message', (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return;
    }
    events.frame(raw);
  });
  ws.on('unexpected-response', (_req, res) => events.refused(res.statusCode ?? 0));
  ws.on('error', (err) => events.error(err.message));
  ws.on('close', (code, reason) => events.close(code, reason.toString()));
  return {
    send: (text) => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(text);
      return true;
    },
    close: (code, reason) => ws.close(code, reason),
  };
}
