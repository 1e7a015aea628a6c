// The hub sockets of the chat ingest thread: a flood's plain text frames are parsed, checked (dedupe, blocked
// words) and stored here, and only the newest lines of each stretch are handed to the studio's main thread.
import WebSocket from 'ws';
import type { ChatItem } from '../../contract/chat';
import { Batcher } from '../batcher';
import { BlockedWords } from '../blockedWords';
import type { ChatStore } from '../chatStore';
import { RecentIds } from '../recentIds';
import { mapGroupMessage } from './frameMapping';
import { HUB_MAX_PAYLOAD, type StoredLines } from './hubSocket';
import { plainTextMessages } from './textMessagesFrame';

/**
 * The most lines of one stored stretch handed to the main thread: the feed shows the last 500, so a stretch of more
 * (a 20,000-a-second flood brings 2,000 every 100 ms) hands on its newest 500 and the count of the rest, which are
 * stored and found by search all the same.
 */
export const FEED_LINES = 500;
/** How often a flood's lines are stored and handed on: at most ten times a second, like the feed's batcher. */
const STORE_EVERY_MS = 100;

/** What the ingest thread tells the main thread about one of its sockets. */
export type SocketNews =
  | { type: 'open' }
  | { type: 'frame'; raw: unknown }
  | { type: 'stored'; lines: StoredLines }
  | { type: 'refused'; status: number }
  | { type: 'error'; message: string }
  | { type: 'close'; code: number; reason: string };

/** The newest FEED_LINES of a stretch, and every blocked line before them (the main thread revokes those). */
export function feedLinesOf(items: ChatItem[]): { items: ChatItem[]; skipped: number } {
  if (items.length <= FEED_LINES) return { items, skipped: 0 };
  const cut = items.length - FEED_LINES;
  const kept = items.slice(0, cut).filter((i) => i.blocked);
  kept.push(...items.slice(cut));
  return { items: kept, skipped: items.length - kept.length };
}

class IngestSocket {
  private readonly ws: WebSocket;
  private readonly batcher: Batcher<ChatItem>;
  private lastSeq = 0;
  private roomId = '';

  constructor(
    url: string,
    private readonly ingest: HubIngest,
    private readonly tell: (news: SocketNews) => void,
  ) {
    this.batcher = new Batcher((b) => this.store(b.items), STORE_EVERY_MS);
    this.ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: HUB_MAX_PAYLOAD });
    this.ws.on('open', () => tell({ type: 'open' }));
    this.ws.on('message', (data) => this.onMessage(data.toString()));
    this.ws.on('unexpected-response', (_req, res) => tell({ type: 'refused', status: res.statusCode ?? 0 }));
    this.ws.on('error', (err) => tell({ type: 'error', message: err.message }));
    this.ws.on('close', (code, reason) => {
      this.batcher.flush(); // what was read before the drop is stored and handed on before the drop is told
      tell({ type: 'close', code, reason: reason.toString() });
    });
  }

  send(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** The thread is closing: what was read is stored now, and the socket goes at once. */
  end(): void {
    this.batcher.flush();
    this.ws.terminate();
  }

  private onMessage(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const plain = plainTextMessages(raw);
    if (!plain) {
      // Anything else (answers, recalls, members, custom lines) goes to the main thread as it came, after the lines
      // read before it, so a recall never arrives ahead of the line it recalls.
      this.batcher.flush();
      this.tell({ type: 'frame', raw });
      return;
    }
    for (const m of plain.messages) {
      this.lastSeq = Math.max(this.lastSeq, m.seq);
      this.roomId = m.groupId;
      for (const e of mapGroupMessage(m)) {
        if (e.type === 'items') for (const item of e.items) this.ingest.check(item, this.batcher);
      }
    }
  }

  private store(items: ChatItem[]): void {
    if (!items.length) return;
    this.ingest.save(this.roomId, items);
    this.tell({ type: 'stored', lines: { roomId: this.roomId, ...feedLinesOf(items), lastSeq: this.lastSeq } });
  }
}

/** Every hub socket of the thread, with the one dedupe memory and blocked-word list their lines are checked with. */
export class HubIngest {
  private readonly sockets = new Map<number, IngestSocket>();
  private readonly seen = new RecentIds();
  private readonly blocked: BlockedWords;

  constructor(
    private readonly chatStore: ChatStore,
    private readonly tell: (socket: number, news: SocketNews) => void,
    private readonly log: (line: string) => void,
  ) {
    this.blocked = new BlockedWords(chatStore.blockedWords(), chatStore.builtInBlockedWords());
  }

  open(socket: number, url: string): void {
    this.sockets.set(
      socket,
      new IngestSocket(url, this, (news) => {
        if (news.type === 'close') this.sockets.delete(socket);
        this.tell(socket, news);
      }),
    );
  }

  send(socket: number, text: string): void {
    this.sockets.get(socket)?.send(text);
  }

  close(socket: number, code: number, reason: string): void {
    this.sockets.get(socket)?.close(code, reason);
  }

  /** Before the database closes: every socket's lines read so far are stored, and the sockets are let go. */
  end(): void {
    for (const s of this.sockets.values()) s.end();
    this.sockets.clear();
  }

  setBlockedWords(words: string[], builtIn: boolean): void {
    this.blocked.set(words, builtIn);
  }

  check(item: ChatItem, into: Batcher<ChatItem>): void {
    if (!this.seen.add(`${item.roomId}\u0000${item.id}`)) return;
    into.push(this.blocked.matches(item.text) ? { ...item, blocked: true } : item);
  }

  save(roomId: string, items: ChatItem[]): void {
    try {
      this.chatStore.saveBatch(roomId, items, []);
    } catch (err) {
      this.log(`could not save a chat batch: ${(err as Error).message}`);
    }
  }
}
