// The chat writer's thread: its own connection to the studio's database (WAL), one transaction per batch, and the
// hub sockets the studio opens here so a flood is parsed, checked and stored off the main thread (HubIngest).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../common/sqlite/database';
import { ChatStore } from './chatStore';
import type { FromChatWriter, ToChatWriter } from './chatWriterProtocol';
import { HubIngest } from './platform/hubIngest';

if (!parentPort) throw new Error('chatWriterWorker must run in a worker thread.');
const port = parentPort;
const db = openDatabase((workerData as { file: string }).file);
const store = new ChatStore(db);
const tell = (m: FromChatWriter) => port.postMessage(m);
const ingest = new HubIngest(
  store,
  (socket, news) => tell({ type: 'socket', socket, news }),
  (line) => tell({ type: 'log', line }),
);

port.on('message', (m: ToChatWriter) => {
  switch (m.type) {
    case 'close':
      ingest.end();
      db.close();
      port.close();
      return;
    case 'blockedWords':
      return ingest.setBlockedWords(m.words, m.builtIn);
    case 'socketOpen':
      return ingest.open(m.socket, m.url);
    case 'socketSend':
      return ingest.send(m.socket, m.text);
    case 'socketClose':
      return ingest.close(m.socket, m.code, m.reason);
    case 'write': {
      let reply: FromChatWriter = { type: 'written', id: m.id };
      try {
        store.saveBatch(m.roomId, m.items, m.revoked);
      } catch (err) {
        reply = { type: 'written', id: m.id, error: (err as Error).message };
      }
      tell(reply);
    }
  }
});
