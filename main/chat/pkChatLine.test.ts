// A PK battle's start and result become one chat line, believed from the platform's identity only.
import { describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import { hubCustomMessage } from '../../testSupport/hubMessages';
import { pkBattle, pkSide as side } from '../../testSupport/pkBattle';
import { mapGroupMessage } from './platform/frameMapping';

const message = (sender: string, data: unknown) => hubCustomMessage(sender, data, 'pk');
const text = (events: ReturnType<typeof mapGroupMessage>) =>
  events.flatMap((e) => (e.type === 'items' ? e.items.map((i) => i.text) : []));

describe('PK lines in the chat', () => {
  it('shows the start and the result from the platform, not the score updates in between', () => {
    const started = { type: 'pk', event: 'battle', battle: pkBattle(0, 0) };
    expect(text(mapGroupMessage(message(SYSTEM_USER_ID, started)))).toEqual(['PK ⚔ Alice vs Bob']);
    const scored = { type: 'pk', event: 'battle', battle: pkBattle(0, 0, { a: side('100001', 'Alice', 30) }) };
    expect(mapGroupMessage(message(SYSTEM_USER_ID, scored))).toEqual([]);
    const won = pkBattle(0, 0, {
      status: 'ended',
      a: side('100001', 'Alice', 30),
      b: side('100002', 'Bob', 620),
      winner: 'b',
    });
    expect(text(mapGroupMessage(message(SYSTEM_USER_ID, { type: 'pk', event: 'battle', battle: won })))).toEqual([
      'PK Alice 30 : 620 Bob · 🏆 Bob',
    ]);
    const draw = pkBattle(0, 0, { status: 'ended', winner: 'draw' });
    expect(text(mapGroupMessage(message(SYSTEM_USER_ID, { type: 'pk', event: 'battle', battle: draw })))).toEqual([
      'PK Alice 0 : 0 Bob · 🤝',
    ]);
  });

  it('ignores a PK result claimed by a member or by the host', () => {
    const won = pkBattle(0, 0, { status: 'ended', a: side('100001', 'Alice', 999), winner: 'a' });
    for (const sender of ['mallory', 'vj'])
      expect(mapGroupMessage(message(sender, { type: 'pk', event: 'battle', battle: won }))).toEqual([]);
  });
});
