// The studio API over one WebSocket: JSON text frames, request/reply by id, events pushed to every client.
import type { WebSocket } from 'ws';
import type { ApiRouter, EventBus } from '../api';
import { StudioError } from '../contract';
import { refusalWords } from '../contract/refusalWords';

const MAX_BUFFERED = 8 * 1024 * 1024;

interface Request {
  id: number | string | null;
  call: unknown;
  input: unknown;
}

function parseRequest(text: string): Request | { error: string; id: number | string | null } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'The message is not valid JSON.', id: null };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { error: 'A request must be a JSON object like {"id":1,"call":"system.info","input":{}}.', id: null };
  }
  const o = data as Record<string, unknown>;
  const id = typeof o.id === 'number' || typeof o.id === 'string' ? o.id : null;
  if (id === null) return { error: 'A request needs an "id" (a number or a string).', id: null };
  if (typeof o.call !== 'string') return { error: 'A request needs a "call" naming the call, like "system.info".', id };
  return { id, call: o.call, input: o.input };
}

export function serveApiSocket(ws: WebSocket, peer: string, router: ApiRouter, bus: EventBus): void {
  const send = (message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribe((event, payload) => {
    // A client that cannot keep up loses events rather than growing the host's memory without bound.
    if (ws.bufferedAmount > MAX_BUFFERED) return;
    send({ event, payload });
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ id: null, ok: false, error: new StudioError('invalid_input', refusalWords.calls.binaryFrame).toJSON() });
      return;
    }
    const req = parseRequest(data.toString());
    if ('error' in req) {
      send({ id: req.id, ok: false, error: { code: 'invalid_input', message: req.error } });
      return;
    }
    void router
      .dispatch(req.call, req.input, { transport: 'ws', peer })
      .then((reply) => send({ id: req.id, ...reply }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}
