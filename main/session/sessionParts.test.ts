// The small parts of a broadcast: CSV quoting, the drop warning, the room tally, the 0600 token file.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { DropWarning } from './dropWarning';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import { applyFrame, MAX_TRACKED_GIFTERS, newTally, topGifters } from './roomTally';
import { FileSecretStore } from './secretStore';

describe('csv', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=SUM(A1)', 3],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),3\r\n"line\nbreak",\r\n');
  });
});

describe('drop warning', () => {
  it('warns when frames start dropping or the encoder falls behind, and calms down after', () => {
    const w = new DropWarning(3);
    expect(w.push(0, 1.0)).toBe(false);
    expect(w.push(0, 1.0)).toBe(false);
    expect(w.push(2, 1.0)).toBe(true);
    expect(w.push(2, 1.0)).toBe(true);
    expect(w.push(2, 1.0)).toBe(false);
    expect(w.push(2, 0.9)).toBe(false);
    expect(w.push(2, 0.92)).toBe(false);
    expect(w.push(2, 0.95)).toBe(true);
  });
});

describe('room tally', () => {
  const gift = (userId: string, value: number, count = 1, sender = SYSTEM_USER_ID) => ({
    type: 'TIMCustomElem',
    sender: { userId: sender },
    payload: {
      data: JSON.stringify({
        type: 'gift',
        giftId: 'rose',
        name: 'Rose',
        count,
        value,
        from: { userId, nickname: `n-${userId}` },
        requestId: 'r',
      }),
    },
  });

  it('counts texts, and likes and gifts per buyer as the platform announced them', () => {
    const t = newTally();
    applyFrame(t, {
      type: 'messages',
      messages: [
        { type: 'TIMTextElem', payload: { text: 'hi' } },
        {
          type: 'TIMCustomElem',
          sender: { userId: SYSTEM_USER_ID },
          payload: { data: JSON.stringify({ type: 'like', count: 1, total: 4 }) },
        },
        { type: 'TIMCustomElem', payload: { data: 'not json' } },
        gift('a', 10),
        gift('b', 50, 5),
        gift('a', 10),
      ],
    });
    applyFrame(t, { type: 'onlineCount', count: 7 });
    expect(t).toMatchObject({ messages: 1, likes: 4, gifts: 7, giftValue: 70, viewers: 7, latestGift: 'n-a × 1 Rose' });
    expect(topGifters(t)).toEqual([
      { userId: 'b', nickname: 'n-b', value: 50, gifts: 5 },
      { userId: 'a', nickname: 'n-a', value: 20, gifts: 2 },
    ]);
  });

  it('ignores gifts and like totals that any other sender claims', () => {
    const t = newTally();
    applyFrame(t, {
      type: 'messages',
      messages: [
        gift('mallory', 99_999, 1, 'mallory'),
        {
          type: 'TIMCustomElem',
          sender: { userId: 'mallory' },
          payload: { data: JSON.stringify({ type: 'like', count: 1, total: 1_000_000 }) },
        },
      ],
    });
    expect(t).toMatchObject({ likes: 0, gifts: 0, giftValue: 0, latestGift: null });
    expect(t.gifters.size).toBe(0);
  });

  it(`keeps at most ${MAX_TRACKED_GIFTERS} gifters by name, dropping the smallest, while the totals keep every gift`, () => {
    const t = newTally();
    applyFrame(t, { type: 'messages', messages: [gift('whale', 5000)] });
    const flood = Array.from({ length: 10_000 }, (_, i) => gift(`g${i}`, 1 + (i % 7)));
    applyFrame(t, { type: 'messages', messages: flood });
    expect(t.gifters.size).toBe(MAX_TRACKED_GIFTERS);
    expect(t.gifts).toBe(10_001);
    expect(topGifters(t, 1)[0]).toMatchObject({ userId: 'whale', value: 5000 });
    // The ones kept are the biggest: every one dropped gave no more than the smallest kept.
    const kept = Math.min(...[...t.gifters.values()].map((g) => g.value));
    expect(kept).toBe(7);
  });
});

describe('file secret store', () => {
  it('keeps the token in a file only its owner can read, and forgets it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'sub', 'token');
    const s = new FileSecretStore(file);
    expect(s.read()).toBeNull();
    s.write('abc');
    expect(s.read()).toBe('abc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    s.clear();
    expect(s.read()).toBeNull();
  });
});
