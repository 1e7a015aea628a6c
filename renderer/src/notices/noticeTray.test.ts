import { describe, expect, it } from 'vitest';
import { addNotice, MAX_NOTICES_SHOWN } from './NoticeTray';

describe('notice tray', () => {
  it('shows the newest first and never more than its bound under a storm of notices', () => {
    let list: Parameters<typeof addNotice>[0] = [];
    for (let i = 1; i <= 1000; i++)
      list = addNotice(list, { id: i, at: i, level: 'error', code: 'internal_fault', message: `fault ${i}` });
    expect(list.map((n) => n.id)).toEqual([1000, 999, 998].slice(0, MAX_NOTICES_SHOWN));
  });
});
