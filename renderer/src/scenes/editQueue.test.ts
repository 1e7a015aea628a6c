import { describe, expect, it } from 'vitest';
import type { Scene } from '../../../main/contract/scene';
import { SceneEditQueue } from './editQueue';

const scene = (x: number, id = 's'): Scene => ({
  id,
  name: id,
  items: [
    {
      id: 'a',
      name: 'a',
      source: { kind: 'image', path: '/a.png' },
      rect: { x, y: 0, width: 10, height: 10 },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    },
  ],
});
const xOf = (s: Scene) => s.items[0]?.rect.x;

function setup(fail = false) {
  const frames: (() => void)[] = [];
  const sent: number[] = [];
  const answers: (() => void)[] = [];
  const errors: string[] = [];
  const q = new SceneEditQueue({
    send: (s) =>
      new Promise((resolve, reject) => {
        sent.push(xOf(s) ?? -1);
        answers.push(() => (fail ? reject(new Error('refused')) : resolve(undefined)));
      }),
    schedule: (fn) => frames.push(fn),
    onError: (e) => errors.push(e.message),
    onChange: () => {},
  });
  const frame = () => frames.splice(0).forEach((f) => f());
  const answer = async () => {
    answers.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { q, sent, frame, answer, errors, frames };
}

describe('SceneEditQueue', () => {
  it('coalesces a drag: one update in flight, then the newest on the next frame', async () => {
    const t = setup();
    for (let x = 1; x <= 5; x++) t.q.edit(scene(x));
    expect(t.sent).toEqual([]); // nothing before the frame
    t.frame();
    expect(t.sent).toEqual([5]);
    for (let x = 6; x <= 9; x++) t.q.edit(scene(x));
    t.frame();
    expect(t.sent).toEqual([5]); // still waiting for the answer
    expect(xOf(t.q.overlay(scene(0)))).toBe(9); // the editor already shows the newest
    await t.answer();
    t.frame();
    expect(t.sent).toEqual([5, 9]);
    await t.answer();
    expect(t.q.busy).toBe(false);
    expect(xOf(t.q.overlay(scene(0)))).toBe(0); // confirmed: the studio's state shows through again
  });

  it('drops the local copy when the studio refuses the edit, and reports why', async () => {
    const t = setup(true);
    t.q.edit(scene(3));
    t.frame();
    await t.answer();
    expect(t.errors).toEqual(['refused']);
    expect(xOf(t.q.overlay(scene(0)))).toBe(0);
  });
});
