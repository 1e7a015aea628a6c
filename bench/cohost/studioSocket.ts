// The co-host benchmark drives the headless host as its UI does: studio calls over the API's WebSocket.
import WebSocket from 'ws';

export class StudioSocket {
  private next = 1;

  private constructor(private readonly ws: WebSocket) {}

  /** Connects to a running host, given the address it printed (with its token). */
  static async open(hostUrl: string): Promise<StudioSocket> {
    const ws = new WebSocket(hostUrl.replace(/^http/, 'ws').replace('/?token=', '/api?token='));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    return new StudioSocket(ws);
  }

  call<T = unknown>(name: string, input: unknown = {}): Promise<T> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as { id?: number; ok?: boolean; value?: T; error?: { message: string } };
        if (m.id !== id) return;
        this.ws.off('message', onMessage);
        if (m.ok) resolve(m.value as T);
        else reject(new Error(`${name}: ${m.error?.message}`));
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, call: name, input }));
    });
  }

  /** Every payload of one studio event from now on. */
  onEvent<T>(name: string, listener: (payload: T) => void): void {
    this.ws.on('message', (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as { event?: string; payload?: T };
      if (m.event === name) listener(m.payload as T);
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Polls `read` every 250 ms until it gives something truthy; fails naming `what` after the timeout. */
export async function until<T>(what: string, read: () => Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
