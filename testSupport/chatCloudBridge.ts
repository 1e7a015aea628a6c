// Serves the tests' Tencent IM client stand-in (tencentChatCloud) to browser pages over a loopback WebSocket, so a
// viewer page and a studio share one chat cloud: each connection is one SDK instance of that cloud, and `pageModule`
// is the source a test's platform serves in place of the page's SDK module (viewerChatSdkModule).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatCloud, CloudChat } from './tencentChatCloud';
import { EVENT, TYPES } from './tencentChatStandIn';

export interface ChatCloudBridge {
  url: string;
  /** The page's stand-in SDK module (viewerChatStandIn.js) pointed at this bridge. */
  pageModule: string;
  close(): Promise<void>;
}

type Request = { id: number; call: string; args: unknown[] };

export async function startChatCloudBridge(cloud: ChatCloud): Promise<ChatCloudBridge> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
  await new Promise<void>((done, fail) => wss.once('listening', done).once('error', fail));
  const address = wss.address();
  const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  wss.on('connection', (ws) => serve(ws, cloud));
  const source = readFileSync(join(import.meta.dirname, 'viewerChatStandIn.js'), 'utf8');
  return {
    url,
    pageModule: `const BRIDGE = ${JSON.stringify({ url, EVENT, TYPES })};\n${source}`,
    close: () =>
      new Promise<void>((done) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => done());
      }),
  };
}

/** One page's SDK instance: its calls run on a CloudChat of the shared cloud, its events go back to the page. */
function serve(ws: WebSocket, cloud: ChatCloud): void {
  let chat: CloudChat | null = null;
  const send = (m: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  const run = async (r: Request): Promise<unknown> => {
    if (r.call === 'create') {
      chat = cloud.module.create({ SDKAppID: Number(r.args[0]) }) as CloudChat;
      for (const name of Object.values(EVENT)) chat.on(name, (e) => send({ event: e.name, data: e.data }));
      return {};
    }
    if (!chat) throw Object.assign(new Error('create the SDK instance first'), { code: 2000 });
    const c: CloudChat = chat;
    const arg = r.args[0] as never;
    switch (r.call) {
      case 'login':
        return c.login(arg);
      case 'logout':
        return c.logout();
      case 'joinGroup':
        return c.joinGroup(arg);
      case 'quitGroup':
        return c.quitGroup(arg);
      case 'getGroupOnlineMemberCount':
        return c.getGroupOnlineMemberCount(arg);
      case 'sendMessage': {
        // The message is made here, on the signed-in instance: its sender is who logged in, as Tencent sets it.
        const options = r.args[1] as never;
        return c.sendMessage(r.args[0] === 'text' ? c.createTextMessage(options) : c.createCustomMessage(options));
      }
      default:
        throw Object.assign(new Error(`no such SDK call: ${r.call}`), { code: 2000 });
    }
  };
  ws.on('message', (raw) => {
    const r = JSON.parse(String(raw)) as Request;
    run(r).then(
      (value) => send({ id: r.id, ok: true, value }),
      (e: { code?: number; message?: string }) =>
        send({ id: r.id, ok: false, error: { code: e.code ?? -1, message: e.message ?? String(e) } }),
    );
  });
  ws.on('close', () => void chat?.logout());
}
