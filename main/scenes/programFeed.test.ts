import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import type { SceneTransition } from '../contract/scenes';
import { ProgramFeed } from './programFeed';

const scene = (id: string, x: number): Scene => ({
  id,
  name: id,
  items: [
    {
      id: 'a',
      name: 'a',
      source: { kind: 'image', path: '/x.png' },
      rect: { x, y: 0, width: 10, height: 10 },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    },
  ],
});

function slowOutput() {
  const calls: { x: number; transition?: SceneTransition }[] = [];
  let release: () => void = () => {};
  return {
    calls,
    next: () => release(),
    output: {
      applyScene: (s: Scene, transition?: SceneTransition) =>
        new Promise<void>((r) => {
          calls.push({ x: s.items[0]?.rect.x ?? -1, transition });
          release = r;
        }),
    },
  };
}

describe('ProgramFeed', () => {
  it('sends one scene at a time and only the newest of those queued meanwhile', async () => {
    const o = slowOutput();
    const feed = new ProgramFeed(o.output, () => {});
    for (let x = 0; x < 50; x++) feed.push(scene('s', x)); // a drag: 50 moves while the first is applied
    expect(o.calls).toEqual([{ x: 0, transition: undefined }]);
    o.next();
    await new Promise((r) => setTimeout(r, 0));
    expect(o.calls.map((c) => c.x)).toEqual([0, 49]);
    o.next();
    await feed.settled();
  });

  it('drops a scene equal to the last one sent, but never a transition', async () => {
    const calls: unknown[] = [];
    const feed = new ProgramFeed({ applyScene: async (s, t) => void calls.push([s.id, t?.type]) }, () => {});
    feed.push(scene('s', 1));
    await feed.settled();
    feed.push(scene('s', 1));
    await feed.settled();
    feed.push(scene('s', 1), { type: 'fade', durationMs: 300 });
    await feed.settled();
    expect(calls).toEqual([
      ['s', undefined],
      ['s', 'fade'],
    ]);
  });

  it('keeps a queued fade when the same scene is edited again before it is sent', async () => {
    const o = slowOutput();
    const feed = new ProgramFeed(o.output, () => {});
    feed.push(scene('a', 0));
    feed.push(scene('b', 1), { type: 'fade', durationMs: 400 });
    feed.push(scene('b', 2));
    o.next();
    await new Promise((r) => setTimeout(r, 0));
    expect(o.calls[1]).toEqual({ x: 2, transition: { type: 'fade', durationMs: 400 } });
    o.next();
    await feed.settled();
  });

  it('reports a failed scene and goes on with the next one', async () => {
    const errors: string[] = [];
    let fail = true;
    const sent: number[] = [];
    const feed = new ProgramFeed(
      {
        applyScene: async (s) => {
          if (fail) {
            fail = false;
            throw new Error('font unreadable');
          }
          sent.push(s.items[0]?.rect.x ?? -1);
        },
      },
      (err, s) => errors.push(`${s.id}: ${err.message}`),
    );
    feed.push(scene('s', 1));
    await feed.settled();
    feed.push(scene('s', 1)); // the same scene again is retried after a failure
    await feed.settled();
    expect(errors).toEqual(['s: font unreadable']);
    expect(sent).toEqual([1]);
  });
});
