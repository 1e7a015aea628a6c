// The widgets' live data from the room: the chat box's lines (text lines only; a blocked one is never kept, a
// revoked one leaves at once), the show's gifts as the platform announced them (the goal's coins and the top
// gifters), and the viewer count. Bounded: the chat box keeps its last lines, the gifters MAX_WIDGET_GIFTERS.
import type { ChatItem } from '../contract/chat';
import type { ChatBoxLine, WidgetData } from '../media/widgetFiles';

/** Lines kept for chat boxes: the most one box draws. */
export const CHAT_BOX_LINES = 10;
/** Gifters tracked by name in one show; the smallest leaves first. */
export const MAX_WIDGET_GIFTERS = 500;

function giftValue(item: ChatItem): number {
  try {
    const v = (JSON.parse(item.data ?? '{}') as { value?: unknown }).value;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

export class WidgetFeed {
  private chat: ChatBoxLine[] = [];
  private readonly gifters = new Map<string, { nick: string; value: number }>();
  private giftCoins = 0;
  private statsCoins = 0;
  private viewers = 0;

  constructor(private readonly publish: (data: Partial<WidgetData>) => void) {}

  /** A batch of the feed: new lines and revoked message ids. */
  onBatch(items: readonly ChatItem[], revoked: readonly string[]): void {
    let chatChanged = false;
    let giftsChanged = false;
    if (revoked.length) {
      const gone = new Set(revoked);
      const kept = this.chat.filter((l) => !gone.has(l.id));
      chatChanged = kept.length !== this.chat.length;
      this.chat = kept;
    }
    for (const item of items) {
      if (item.kind === 'gift' && item.gift && !item.revoked) {
        const value = giftValue(item);
        this.giftCoins += value;
        const g = this.gifters.get(item.userId) ?? { nick: item.nick, value: 0 };
        g.value += value;
        this.gifters.set(item.userId, g);
        if (this.gifters.size > MAX_WIDGET_GIFTERS) this.dropSmallest();
        giftsChanged = true;
      }
      // Room text only: never a whisper, a blocked line or one already revoked.
      if (item.kind !== 'text' || item.blocked || item.revoked || item.to) continue;
      this.chat.push({ id: item.id, nick: item.nick, text: item.text });
      chatChanged = true;
    }
    if (this.chat.length > CHAT_BOX_LINES) this.chat = this.chat.slice(-CHAT_BOX_LINES);
    if (chatChanged) this.publish({ chat: [...this.chat] });
    if (giftsChanged) this.publishGifts();
  }

  /** The platform's own figures: the viewer count, and its gift coins when ahead of the lines seen. */
  onStats(stats: { viewers: number; giftValue: number }): void {
    const changed = stats.viewers !== this.viewers || stats.giftValue > this.statsCoins;
    this.viewers = stats.viewers;
    this.statsCoins = Math.max(this.statsCoins, stats.giftValue);
    if (changed) this.publish({ viewers: this.viewers, goalValue: Math.max(this.giftCoins, this.statsCoins) });
  }

  newShow(): void {
    this.gifters.clear();
    this.giftCoins = 0;
    this.statsCoins = 0;
    this.publish({ goalValue: 0, gifters: [] });
  }

  private publishGifts(): void {
    const top = [...this.gifters.values()].sort((a, b) => b.value - a.value).slice(0, 5);
    this.publish({ goalValue: Math.max(this.giftCoins, this.statsCoins), gifters: top });
  }

  private dropSmallest(): void {
    let smallest: [string, number] | null = null;
    for (const [id, g] of this.gifters) if (!smallest || g.value < smallest[1]) smallest = [id, g.value];
    if (smallest) this.gifters.delete(smallest[0]);
  }
}
