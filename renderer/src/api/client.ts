// The renderer's one way to the studio: window.studio inside Electron, else the WebSocket of the page's
// origin with the token from the address. Both speak the same contract; screens never know which.
import i18next from 'i18next';
import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  Reply,
  StudioErrorShape,
} from '../../../main/contract';

export class StudioCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StudioCallError';
  }
}

/**
 * The error's words in the language the studio is shown in: its Chinese when the UI is Chinese and the studio sent one.
 */
export function errorWords(error: StudioErrorShape, language: string = i18next.language ?? 'en'): string {
  return language.startsWith('zh') && error.zh ? error.zh : error.message;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface StudioClient {
  readonly transport: 'ipc' | 'ws';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

interface BridgeApi {
  call(name: string, input: unknown): Promise<Reply>;
  onEvent(listener: (message: { event: string; payload: unknown }) => void): () => void;
}

type AnyListener = (payload: unknown) => void;

function unwrap<T>(reply: Reply): T {
  if (reply.ok) return reply.value as T;
  throw new StudioCallError(reply.error.code, errorWords(reply.error));
}

class ListenerSet {
  private readonly byName = new Map<string, Set<AnyListener>>();
  add(name: string, listener: AnyListener): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  dispatch(name: string, payload: unknown): void {
    for (const l of this.byName.get(name) ?? []) l(payload);
  }
}

function ipcClient(bridge: BridgeApi): StudioClient {
  const listeners = new ListenerSet();
  bridge.onEvent((m) => listeners.dispatch(m.event, m.payload));
  return {
    transport: 'ipc',
    async call(name, input) {
      return unwrap(await bridge.call(name, input));
    },
    on(name, listener) {
      return listeners.add(name, listener as AnyListener);
    },
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
}

function wsClient(url: string): StudioClient {
  const listeners = new ListenerSet();
  const connListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, { resolve: (r: Reply) => void }>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let retry = 0;

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of connListeners) l(s);
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      setState('open');
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e) => {
      let msg: { id?: number; event?: string; payload?: unknown } & Partial<Reply>;
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (typeof msg.event === 'string') listeners.dispatch(msg.event, msg.payload);
      else if (typeof msg.id === 'number') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg as Reply);
      }
    };
    ws.onclose = (e) => {
      socket = null;
      for (const [, p] of pending) {
        p.resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Lost the connection to the studio. Reconnecting…',
            zh: '与工作室的连接已断开，正在重新连接…',
          },
        });
      }
      pending.clear();
      setState('closed');
      if (e.code === 4401) return; // a bad token never gets better by retrying
      retry++;
      setTimeout(connect, Math.min(5000, 250 * 2 ** Math.min(retry, 5)));
    };
  };
  connect();

  return {
    transport: 'ws',
    call(name, input) {
      const id = nextId++;
      const text = JSON.stringify({ id, call: name, input });
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: (r) => {
            try {
              resolve(unwrap(r));
            } catch (err) {
              reject(err as Error);
            }
          },
        });
        if (socket && state === 'open') socket.send(text);
        else queue.push(text);
      });
    },
    on(name, listener) {
      return listeners.add(name, listener as AnyListener);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(state);
      return () => connListeners.delete(listener);
    },
  };
}

export function createStudioClient(): StudioClient {
  const bridge = (window as unknown as { studio?: BridgeApi }).studio;
  if (bridge) return ipcClient(bridge);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return wsClient(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
}
