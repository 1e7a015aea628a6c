// Where the feed's batches are written: a worker thread with its own SQLite connection, so a flood's inserts and
// their full-text indexing never hold the studio's main thread; in line on the main connection when it cannot run.
// The same thread runs the hub sockets handed to it, so a flood is also read and checked there.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../common/workerThread';
import type { ChatItem } from '../contract/chat';
import type { ChatStore } from './chatStore';
import type { FromChatWriter, ToChatWriter } from './chatWriterProtocol';
import type { SocketNews } from './platform/hubIngest';
import { openLocalHubSocket, type HubSocketEvents, type HubSocketOpener } from './platform/hubSocket';

export interface ChatWriter {
  /** One batch of the feed, written in one transaction (at once, or soon on the writer's thread). */
  write(roomId: string, items: ChatItem[], revoked: string[]): void;
  /** Resolves once every batch written so far is in SQLite, so a search finds it. */
  settled(): Promise<void>;
  close(): Promise<void>;
  /** Where the chat's hub sockets run: on the writer's thread when it has one (HubIngest), else on this one. */
  readonly openSocket: HubSocketOpener;
  /** The blocked words the writer's own checks (a hub socket's lines) use. */
  setBlockedWords(words: string[], builtIn: boolean): void;
}

/** Writes on the caller's thread, through the main connection (tests, and the fallback). */
export class InlineChatWriter implements ChatWriter {
  constructor(
    private readonly store: ChatStore,
    private readonly log: (line: string) => void = () => {},
  ) {}

  write(roomId: string, items: ChatItem[], revoked: string[]): void {
    try {
      this.store.saveBatch(roomId, items, revoked);
    } catch (err) {
      this.log(`could not save a chat batch: ${(err as Error).message}`);
    }
  }

  settled(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  readonly openSocket = openLocalHubSocket;

  setBlockedWords(): void {}
}

interface Batch {
  roomId: string;
  items: ChatItem[];
  revoked: string[];
}

/**
 * Writes on a worker thread. A batch is kept until the thread says it is written: if the thread dies, what it had
 * not written yet is written in line, and so is everything after, so no line is lost.
 */
export class ThreadChatWriter implements ChatWriter {
  private worker: Worker | null;
  private nextId = 0;
  private nextSocket = 0;
  private readonly sockets = new Map<number, HubSocketEvents>();
  private readonly unwritten = new Map<number, Batch>();
  private waiters: (() => void)[] = [];
  private readonly inline: InlineChatWriter;

  constructor(
    file: string,
    store: ChatStore,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.inline = new InlineChatWriter(store, log);
    let worker: Worker | null = null;
    try {
      worker = spawnWorker(import.meta.url, 'chatWriterWorker.ts', 'chatWriterWorker.js', { file });
      worker.on('message', (m: FromChatWriter) => this.onMessage(m));
      worker.on('error', (err) => log(`the chat writer's thread failed: ${err.message}`));
      worker.on('exit', () => this.fallBack());
    } catch (err) {
      log(`the chat writer's thread could not start (${(err as Error).message}); writing on the main thread`);
    }
    this.worker = worker;
  }

  readonly openSocket: HubSocketOpener = (url, events) => {
    const worker = this.worker;
    if (!worker) return openLocalHubSocket(url, events);
    const socket = ++this.nextSocket;
    this.sockets.set(socket, events);
    worker.postMessage({ type: 'socketOpen', socket, url } satisfies ToChatWriter);
    return {
      send: (text) => {
        if (!this.sockets.has(socket) || this.worker !== worker) return false;
        worker.postMessage({ type: 'socketSend', socket, text } satisfies ToChatWriter);
        return true;
      },
      close: (code, reason) => {
        if (this.worker === worker)
          worker.postMessage({ type: 'socketClose', socket, code, reason } satisfies ToChatWriter);
      },
    };
  };

  setBlockedWords(words: string[], builtIn: boolean): void {
    this.worker?.postMessage({ type: 'blockedWords', words, builtIn } satisfies ToChatWriter);
  }

  write(roomId: string, items: ChatItem[], revoked: string[]): void {
    if (!this.worker) return this.inline.write(roomId, items, revoked);
    const id = ++this.nextId;
    this.unwritten.set(id, { roomId, items, revoked });
    this.worker.postMessage({ type: 'write', id, roomId, items, revoked } satisfies ToChatWriter);
  }

  settled(): Promise<void> {
    if (this.unwritten.size === 0) return Promise.resolve();
    return new Promise((done) => this.waiters.push(done));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await this.settled();
    const exited = new Promise((done) => worker.once('exit', done));
    worker.postMessage({ type: 'close' } satisfies ToChatWriter);
    await exited;
  }

  private onMessage(m: FromChatWriter): void {
    if (m.type === 'log') return this.log(m.line);
    if (m.type === 'socket') return this.onSocket(m.socket, m.news);
    if (m.error) this.log(`could not save a chat batch: ${m.error}`);
    this.unwritten.delete(m.id);
    this.wake();
  }

  private onSocket(socket: number, news: SocketNews): void {
    const events = this.sockets.get(socket);
    if (!events) return;
    if (news.type === 'close') this.sockets.delete(socket);
    switch (news.type) {
      case 'open':
        return events.open();
      case 'frame':
        return events.frame(news.raw);
      case 'stored':
        return events.stored?.(news.lines);
      case 'refused':
        return events.refused(news.status);
      case 'error':
        return events.error(news.message);
      case 'close':
        return events.close(news.code, news.reason);
    }
  }

  private fallBack(): void {
    if (!this.worker) return;
    this.worker = null;
    if (this.unwritten.size) this.log(`the chat writer's thread ended; ${this.unwritten.size} batches written in line`);
    for (const b of this.unwritten.values()) this.inline.write(b.roomId, b.items, b.revoked);
    this.unwritten.clear();
    this.wake();
    // Its sockets went with it: their adapters see a drop, rejoin on this thread and are replayed what they missed.
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    for (const events of sockets) events.close(1006, 'the chat writer thread ended');
  }

  private wake(): void {
    if (this.unwritten.size) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
