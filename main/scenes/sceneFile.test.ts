import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { exportSceneFile, parseSceneFile } from './sceneFile';

const scene: Scene = {
  id: 's1',
  name: 'Game',
  items: [
    {
      id: 'a',
      name: 'Logo',
      source: { kind: 'image', path: '/logo.png' },
      rect: { x: 0, y: 0, width: 100, height: 50 },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    },
  ],
};

describe('scene files', () => {
  it('reads back what it exports', () => {
    const file = exportSceneFile('My profile!', [scene], new Date('2026-01-02T03:04:05Z'));
    expect(file.fileName).toBe('My-profile.scenes.json');
    expect(parseSceneFile(file.json)).toEqual([scene]);
  });

  it('accepts a single scene or a list of scenes, filling defaults', () => {
    const bare = {
      id: 'x',
      name: 'X',
      items: [
        { id: 'i', name: 'T', source: { kind: 'text', text: 'hi' }, rect: { x: 0, y: 0, width: 10, height: 10 } },
      ],
    };
    const [one] = parseSceneFile(JSON.stringify(bare));
    expect(one?.items[0]).toMatchObject({
      visible: true,
      locked: false,
      opacity: 1,
      source: { kind: 'text', live: false, fontSize: 48 },
    });
    expect(parseSceneFile(JSON.stringify([scene, { ...scene, id: 's2' }]))).toHaveLength(2);
  });

  it('names the reason in plain words', () => {
    const reason = (text: string) => {
      try {
        parseSceneFile(text);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(reason('nope')).toMatch(
      /^This scene file cannot be imported: it is not JSON \(.+\)\. Nothing was changed\.$/,
    );
    expect(reason('{"hello": 1}')).toMatch(/not a VJ Studio scene file/);
    expect(reason('{"format": "vj-studio.scenes", "version": 9, "scenes": []}')).toMatch(/unknown version \(9\)/);
    expect(reason('{"format": "vj-studio.scenes", "version": 1, "scenes": []}')).toBe(
      'This scene file cannot be imported: the file holds no scene. Nothing was changed.',
    );
    const wrongKind = { ...scene, items: [{ ...scene.items[0], source: { kind: 'hologram' } }] };
    expect(reason(JSON.stringify([wrongKind]))).toMatch(
      /^This scene file cannot be imported: scene 1 \("Game"\) › item 1 \("Logo"\) › source\.kind: /,
    );
    const twice = { ...scene, items: [scene.items[0], scene.items[0]] };
    expect(reason(JSON.stringify(twice))).toMatch(/scene 1 \("Game"\) has two items with the id "a"/);
    const many = { ...scene, items: [{ ...scene.items[0], opacity: 2, rect: { x: 0, y: 0, width: 0, height: 0 } }] };
    expect(reason(JSON.stringify(many))).toMatch(/and 2 more problems/);
  });
});
