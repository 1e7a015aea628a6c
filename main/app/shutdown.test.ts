import { describe, expect, it } from 'vitest';
import { ShutdownList } from './shutdown';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('ShutdownList', () => {
  it('closes the last started service first, and every one even when one throws', async () => {
    const lines: string[] = [];
    const order: string[] = [];
    const list = new ShutdownList((l) => lines.push(l), { slowMs: 1000, limitMs: 1000 });
    list.add('storage', () => void order.push('storage'));
    list.add('media', () => {
      order.push('media');
      throw new Error('ffmpeg is gone');
    });
    list.add('chat', async () => {
      await sleep(5);
      order.push('chat');
    });
    await list.closeAll();
    expect(order).toEqual(['chat', 'media', 'storage']);
    expect(lines).toEqual(['while closing media: ffmpeg is gone']);
  });

  it('leaves behind a service that never closes, names it, and closes the rest', async () => {
    const lines: string[] = [];
    const closed: string[] = [];
    const list = new ShutdownList((l) => lines.push(l), { slowMs: 20, limitMs: 80 });
    list.add('storage', () => void closed.push('storage'));
    list.add('media', () => new Promise<void>(() => {}));
    list.add('slow pk', () => sleep(40).then(() => void closed.push('slow pk')));
    const started = Date.now();
    await list.closeAll();
    expect(closed).toEqual(['slow pk', 'storage']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines[0]).toMatch(/^closing slow pk took \d+ ms$/);
    expect(lines[1]).toMatch(/^media did not close in \d+ ms: the studio closes the rest without waiting for it$/);
    expect(lines).toHaveLength(2);
  });

  it('closes once when asked twice', async () => {
    let count = 0;
    const list = new ShutdownList(() => {});
    list.add('storage', () => void count++);
    await Promise.all([list.closeAll(), list.closeAll()]);
    await list.closeAll();
    expect(count).toBe(1);
  });
});
