// Counts the room's audience live from the chat hub (local mode): online count, likes, gifts and their
// value per sender, messages. Gifts and like totals count only when the platform itself announced them (its
// system identity, written from the billing record and the like counter); the platform's end stats stay the
// figures of record.
import WebSocket from 'ws';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';

/** The most gifters one broadcast keeps by name: a room of many small gifters must not grow the studio without end. */
export const MAX_TRACKED_GIFTERS = 500;

export interface Tally {
  viewers: number;
  likes: number;
  gifts: number;
  giftValue: number;
  messages: number;
  /** "Bo sent 2 × Heart", for the status bar and the scenes' {latestGift}. */
  latestGift: string | null;
  gifters: Map<string, { userId: string; nickname: string; value: number; gifts: number }>;
}

interface Frame {
  type?: string;
  count?: number;
  messages?: { type?: string; sender?: { userId?: string }; payload?: { text?: string; data?: string } }[];
}

export function newTally(): Tally {
  return { viewers: 0, likes: 0, gifts: 0, giftValue: 0, messages: 0, latestGift: null, gifters: new Map() };
}

/** Folds one hub frame into the tally. Pure, so the counting is tested without a hub. */
export function applyFrame(t: Tally, frame: Frame): boolean {
  if (frame.type === 'onlineCount' && typeof frame.count === 'number') {
    t.viewers = frame.count;
    return true;
  }
  if (frame.type !== 'messages' || !Array.isArray(frame.messages)) return false;
  for (const m of frame.messages) {
    if (m.type === 'TIMTextElem') {
      t.messages++;
      continue;
    }
    if (m.type !== 'TIMCustomElem' || typeof m.payload?.data !== 'string') continue;
    if (m.sender?.userId !== SYSTEM_USER_ID) continue;
    let data: {
      type?: string;
      name?: string;
      count?: number;
      total?: number;
      value?: number;
      from?: { userId?: string; nickname?: string };
    };
    try {
      data = JSON.parse(m.payload.data) as typeof data;
    } catch {
      continue;
    }
    if (data.type === 'like') addLike(t, data);
    else if (data.type === 'gift') addGift(t, data, '?');
  }
  return true;
}

/** A like announcement (its running total when it has one) folded into the tally. */
export function addLike(t: Tally, like: { count?: number; total?: number }): void {
  t.likes = typeof like.total === 'number' ? Math.max(t.likes, like.total) : t.likes + (like.count ?? 1);
}

/** A billed gift's announcement folded into the totals, its buyer's share and the latest-gift line. */
export function addGift(
  t: Tally,
  gift: { count?: number; value?: number; name?: string; from?: { userId?: string; nickname?: string } },
  unknownBuyer: string,
): void {
  const count = gift.count ?? 1;
  const value = gift.value ?? 0;
  t.gifts += count;
  t.giftValue += value;
  const userId = gift.from?.userId ?? unknownBuyer;
  const g = t.gifters.get(userId) ?? { userId, nickname: gift.from?.nickname ?? userId, value: 0, gifts: 0 };
  g.value += value;
  g.gifts += count;
  t.gifters.set(userId, g);
  if (t.gifters.size > MAX_TRACKED_GIFTERS) dropSmallestGifter(t);
  t.latestGift = `${g.nickname} × ${count} ${gift.name ?? ''}`.trim().slice(0, 200);
}

/** The gifter who gave least leaves the map (never the top ones); the totals above keep every gift. */
function dropSmallestGifter(t: Tally): void {
  let smallest: { userId: string; value: number; gifts: number } | null = null;
  for (const g of t.gifters.values())
    if (!smallest || g.value < smallest.value || (g.value === smallest.value && g.gifts < smallest.gifts)) smallest = g;
  if (smallest) t.gifters.delete(smallest.userId);
}

export function topGifters(t: Tally, n = 5): { userId: string; nickname: string; value: number; gifts: number }[] {
  return [...t.gifters.values()].sort((a, b) => b.value - a.value || b.gifts - a.gifts).slice(0, n);
}

/** Joins the room on the hub as its owner and keeps the tally until closed; reconnects while live. */
export class RoomTallyWatcher {
  readonly tally = newTally();
  private ws: WebSocket | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly imUrl: string,
    private readonly token: string,
    private readonly groupId: string,
    private readonly onChange: (t: Tally) => void,
  ) {
    this.connect();
  }

  private connect(): void {
    const url = `${this.imUrl}${this.imUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(this.token)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'join', reqId: 'tally', groupId: this.groupId })));
    ws.on('message', (data) => {
      let frame: Frame & { onlineCount?: number };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
      } catch {
        return;
      }
      if (frame.type === 'joined' && typeof frame.onlineCount === 'number') {
        this.tally.viewers = frame.onlineCount;
        this.onChange(this.tally);
      } else if (applyFrame(this.tally, frame)) this.onChange(this.tally);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.closed) return;
      this.retry = setTimeout(() => this.connect(), 2000);
    });
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.terminate();
  }
}
