import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import type { SceneTransition } from '../contract/scenes';
import { openStudioStorage, type StudioStorage } from '../storage';
import { ScenesService } from './scenesService';

const dirs: string[] = [];
const stores: StudioStorage[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-scenes-'));
  dirs.push(dir);
  return join(dir, 'studio.db');
}

function open(file: string, cameraDeviceId?: string | null) {
  const storage = openStudioStorage(file);
  stores.push(storage);
  const events: { name: string; payload: unknown }[] = [];
  const applied: { scene: Scene; transition?: SceneTransition }[] = [];
  const service = new ScenesService({
    db: storage.db,
    bus: { emit: (name, payload) => void events.push({ name, payload }) },
    cameraDeviceId,
    output: { applyScene: async (scene, transition) => void applied.push({ scene, transition }) },
  });
  return { storage, service, events, applied };
}

describe('ScenesService', () => {
  it('starts a new studio with the three default scenes, the test pattern full-frame on air', async () => {
    const { service, applied } = open(dbFile());
    const st = service.state();
    expect(st.scenes.map((s) => s.name)).toEqual(['Camera', 'Screen + camera', 'Be right back']);
    expect(st.programSceneId).toBe(st.scenes[0]?.id);
    const cam = st.scenes[0]?.items[0];
    expect(cam?.source).toMatchObject({ kind: 'testPattern' });
    expect(cam?.rect).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    await service.settled();
    expect(applied.map((a) => a.scene.name)).toEqual(['Camera']);
  });

  it('uses the camera where one exists', () => {
    const { service } = open(dbFile(), 'v4l2:/dev/video0');
    expect(service.state().scenes[0]?.items[0]?.source).toEqual({
      kind: 'camera',
      deviceId: 'v4l2:/dev/video0',
      beauty: true,
    });
    expect(service.state().scenes[0]?.items[0]?.name).toBe('Camera');
  });

  it('asks for a camera only on the very first start', async () => {
    const file = dbFile();
    const storage = openStudioStorage(file);
    stores.push(storage);
    let asked = 0;
    const findCamera = async () => (asked++, 'v4l2:/dev/video2');
    const first = await ScenesService.open({ db: storage.db, bus: { emit: () => {} }, findCamera });
    expect(first.state().scenes[1]?.items[1]?.source).toMatchObject({ kind: 'camera', deviceId: 'v4l2:/dev/video2' });
    await ScenesService.open({ db: storage.db, bus: { emit: () => {} }, findCamera });
    expect(asked).toBe(1);
    const failing = openStudioStorage(dbFile());
    stores.push(failing);
    const fallback = await ScenesService.open({
      db: failing.db,
      bus: { emit: () => {} },
      findCamera: () => Promise.reject(new Error('no v4l2')),
    });
    expect(fallback.state().scenes[0]?.items[0]?.source.kind).toBe('testPattern');
  });

  it('keeps edits, order and the program scene across a restart', () => {
    const file = dbFile();
    const a = open(file).service;
    const [cam, screen, brb] = a.state().scenes as [Scene, Scene, Scene];
    const moved = { ...cam, items: cam.items.map((i) => ({ ...i, rect: { ...i.rect, x: 40 } })) };
    a.update(moved);
    a.reorder([brb.id, cam.id]);
    a.activate(screen.id);
    stores.pop()?.close();
    const b = open(file).service.state();
    expect(b.scenes.map((s) => s.name)).toEqual(['Be right back', 'Camera', 'Screen + camera']);
    expect(b.scenes[1]?.items[0]?.rect.x).toBe(40);
    expect(b.programSceneId).toBe(screen.id);
  });

  it('sends a program scene edit to the output, and nothing for an edit of another scene', async () => {
    const { service, applied } = open(dbFile());
    await service.settled();
    applied.length = 0;
    const [cam, other] = service.state().scenes as [Scene, Scene];
    service.update({ ...other, name: 'Other renamed' });
    service.update({ ...cam, items: cam.items.map((i) => ({ ...i, visible: false })) });
    await service.settled();
    expect(applied).toHaveLength(1);
    expect(applied[0]?.scene.items[0]?.visible).toBe(false);
  });

  it('refuses an update of an unknown scene and one with duplicate item ids, changing nothing', () => {
    const { service } = open(dbFile());
    const cam = service.state().scenes[0] as Scene;
    expect(() => service.update({ ...cam, id: 'nope' })).toThrow(/no scene "nope"/);
    const item = cam.items[0];
    if (!item) throw new Error('no item');
    expect(() => service.update({ ...cam, items: [item, { ...item }] })).toThrow(/two items with the id/);
    expect(service.state().scenes[0]).toEqual(cam);
  });

  it('studio mode: the preview is edited off air, then faded to; the old program becomes the preview', async () => {
    const { service, applied } = open(dbFile());
    const [cam, screen] = service.state().scenes as [Scene, Scene];
    expect(() => service.transition({ type: 'fade', durationMs: 500 })).toThrow(/studio mode/);
    service.setStudioMode(true);
    expect(service.state().previewSceneId).toBe(cam.id);
    service.setPreview(screen.id);
    await service.settled();
    applied.length = 0;
    service.update({ ...screen, name: 'Screen edited' });
    await service.settled();
    expect(applied).toEqual([]); // the preview is not on air
    service.transition({ type: 'fade', durationMs: 500 });
    await service.settled();
    const st = service.state();
    expect(st.programSceneId).toBe(screen.id);
    expect(st.previewSceneId).toBe(cam.id);
    expect(st.lastTransition).toMatchObject({
      type: 'fade',
      durationMs: 500,
      fromSceneId: cam.id,
      toSceneId: screen.id,
    });
    expect(applied).toEqual([
      { scene: expect.objectContaining({ name: 'Screen edited' }), transition: { type: 'fade', durationMs: 500 } },
    ]);
  });

  it('never deletes the scene on air nor the last scene', () => {
    const { service } = open(dbFile());
    const [cam, screen, brb] = service.state().scenes as [Scene, Scene, Scene];
    expect(() => service.remove(cam.id)).toThrow(/on air/);
    service.remove(screen.id);
    service.remove(brb.id);
    expect(() => service.remove(cam.id)).toThrow(/at least one scene/);
  });

  it('exports and imports scenes; an import that does not validate changes nothing', () => {
    const { service, events } = open(dbFile());
    const file = service.export();
    expect(file.fileName).toBe('Default.scenes.json');
    const before = service.state();
    const changesBefore = events.filter((e) => e.name === 'scenes.changed').length;
    const broken = JSON.parse(file.json) as { scenes: { items: { rect: { width: number } }[] }[] };
    const target = broken.scenes[2]?.items[1];
    if (!target) throw new Error('fixture');
    target.rect.width = -5;
    expect(() => service.import(JSON.stringify(broken))).toThrow(
      /cannot be imported: scene 3 \("Be right back"\) › item 2 \("Message"\) › rect\.width: .*Nothing was changed\./,
    );
    expect(() => service.import('{"scenes": [')).toThrow(/not JSON/);
    expect(service.state()).toEqual(before);
    expect(events.filter((e) => e.name === 'scenes.changed').length).toBe(changesBefore);
    const { imported } = service.import(file.json);
    expect(imported.map((s) => s.name)).toEqual(['Camera', 'Screen + camera', 'Be right back']);
    const ids = service.state().scenes.map((s) => s.id);
    expect(new Set(ids).size).toBe(6); // clashing ids were renewed
  });

  it('fills live figures into text items and re-sends the program scene when they change', async () => {
    const { service, applied } = open(dbFile());
    const cam = service.state().scenes[0] as Scene;
    const text = {
      id: 'live',
      name: 'Figures',
      source: {
        kind: 'text' as const,
        text: '{viewers} watching · {likes} likes · {latestGift}',
        live: true,
        fontSize: 32,
        color: '#ffffff',
      },
      rect: { x: 10, y: 10, width: 600, height: 60 },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    };
    service.update({ ...cam, items: [...cam.items, text] });
    await service.settled();
    const shown = () => {
      const s = applied.at(-1)?.scene.items.find((i) => i.id === 'live')?.source;
      return s?.kind === 'text' ? s.text : null;
    };
    expect(shown()).toBe('– watching · – likes · –');
    service.updateLiveFigures({ viewers: 1234, likes: 56, latestGift: 'Rocket ×3' });
    await service.settled();
    expect(shown()).toBe('1,234 watching · 56 likes · Rocket ×3');
    const sent = applied.length;
    service.updateLiveFigures({ viewers: 1234 });
    await service.settled();
    expect(applied.length).toBe(sent);
    // The stored scene keeps its template; only the output sees figures.
    const stored = service.state().scenes[0]?.items.find((i) => i.id === 'live')?.source;
    expect(stored).toMatchObject({ text: '{viewers} watching · {likes} likes · {latestGift}' });
  });

  it('keeps several profiles, each with its own scenes and program', () => {
    const { service } = open(dbFile());
    const first = service.state().profile;
    service.create('Extra');
    const second = service.createProfile('Gaming');
    expect(service.state().profile).toEqual(second);
    expect(service.state().scenes).toHaveLength(3);
    service.selectProfile(first.id);
    expect(service.state().scenes.map((s) => s.name)).toContain('Extra');
    expect(service.state().profiles.map((p) => p.name)).toEqual(['Default', 'Gaming']);
  });
});
