// The widgets' data from the feed: text lines only, never a blocked, whispered or revoked one; gifts only as
// the platform announced them; bounded.
import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../contract/chat';
import type { WidgetData } from '../media/widgetFiles';
import { CHAT_BOX_LINES, WidgetFeed } from './widgetFeed';

const item = (id: string, extra: Partial<ChatItem> = {}): ChatItem => ({
  id,
  roomId: 'r',
  kind: 'text',
  userId: `u${id}`,
  nick: `N${id}`,
  text: `t${id}`,
  at: 1,
  ...extra,
});

describe('widget feed', () => {
  it('keeps drawable chat lines, drops revoked ones, counts announced gifts', () => {
    let data: Partial<WidgetData> = {};
    const feed = new WidgetFeed((d) => (data = { ...data, ...d }));
    feed.onBatch(
      [
        item('1'),
        item('2', { blocked: true }),
        item('3', { to: 'someone' }),
        item('4', { kind: 'custom', text: 'Bo sent Rocket ×9' }),
        item('5'),
        item('6', { kind: 'gift', gift: { name: 'Heart', count: 2 }, data: '{"type":"gift","value":20}' }),
      ],
      [],
    );
    expect(data.chat?.map((l) => l.id)).toEqual(['1', '5']);
    expect(data.goalValue).toBe(20);
    expect(data.gifters).toEqual([{ nick: 'N6', value: 20 }]);
    feed.onBatch([], ['5']);
    expect(data.chat?.map((l) => l.id)).toEqual(['1']);
    feed.onBatch(
      Array.from({ length: 30 }, (_, i) => item(`x${i}`)),
      [],
    );
    expect(data.chat?.length).toBe(CHAT_BOX_LINES);
    feed.onStats({ viewers: 7, giftValue: 50 });
    expect(data).toMatchObject({ viewers: 7, goalValue: 50 });
  });
});
