// Room signals are believed only from who may speak them: the hub's frames mapped as the platform adapter maps them.
import { describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import { hubCustomMessage } from '../../testSupport/hubMessages';
import { mayAnnounce } from './customMessages';
import { mapGroupMessage } from './platform/frameMapping';

const message = (sender: string, data: unknown) => hubCustomMessage(sender, data);

const signals = [
  { type: 'gift', name: 'Crown', count: 1, value: 99_999, from: { userId: 'mallory' } },
  { type: 'like', count: 1, total: 1_000_000 },
  { type: 'moderation', action: 'ban', actor: 'invented', target: 'x' },
  { type: 'pin', message: null },
  { type: 'slowMode', seconds: 60 },
  { type: 'muteAll', on: true },
];

describe('room signals on the platform hub', () => {
  it('ignores every one of them from a member, and from the host too (the hub re-sends the host’s)', () => {
    for (const s of signals) {
      expect(mapGroupMessage(message('mallory', s))).toEqual([]);
      expect(mapGroupMessage(message('vj', s))).toEqual([]);
    }
  });

  it('believes them from the hub’s own identity; a gift line names the buyer', () => {
    const [gift] = mapGroupMessage(
      message(SYSTEM_USER_ID, {
        type: 'gift',
        name: 'Heart',
        count: 2,
        value: 20,
        from: { userId: 'bo', nickname: 'Bo' },
      }),
    );
    expect(gift).toMatchObject({
      type: 'items',
      items: [{ kind: 'gift', userId: 'bo', nick: 'Bo', gift: { name: 'Heart', count: 2 } }],
    });
    expect(mapGroupMessage(message(SYSTEM_USER_ID, { type: 'pin', message: null }))).toEqual([
      { type: 'room', pinned: null },
    ]);
  });

  it('lets the host speak room changes but never money (Tencent mode, where the owner is known)', () => {
    expect(mayAnnounce('pin', 'host')).toBe(true);
    expect(mayAnnounce('gift', 'host')).toBe(false);
    expect(mayAnnounce('like', 'host')).toBe(false);
    expect(mayAnnounce('moderation', 'anyone')).toBe(false);
  });
});
