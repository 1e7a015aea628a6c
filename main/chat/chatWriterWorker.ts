// The chat writer's thread: its own connection to the studio's database (WAL), one transaction per batch.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../common/sqlite/database';
import { ChatStore } from './chatStore';
import type { FromChatWriter, ToChatWriter } from './chatWriterProtocol';

if (!parentPort) throw new Error('chatWriterWorker must run in a worker thread.');
const port = parentPort;
const db = openDatabase((workerData as { file: string }).file);
const store = new ChatStore(db);

port.on('message', (m: ToChatWriter) => {
  if (m.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: FromChatWriter = { id: m.id };
  try {
    store.saveBatch(m.roomId, m.items, m.revoked);
  } catch (err) {
    reply = { id: m.id, error: (err as Error).message };
  }
  port.postMessage(reply);
});
