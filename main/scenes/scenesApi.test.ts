// scenes.* through the real router of a real studio: validation at the boundary, reasons in plain words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio } from '../app';
import type { ScenesState } from '../contract/scenes';

const ctx = { transport: 'internal' as const, peer: 'test' };

describe('scenes API', () => {
  it('validates updates at the boundary and reports a refused import with its reason', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'studio-scenes-api-'));
    const studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
    const events: string[] = [];
    studio.bus.subscribe((name) => events.push(name));
    const st = await studio.router.dispatch('scenes.state', {}, ctx);
    if (!st.ok) throw new Error(st.error.message);
    const scene = (st.value as ScenesState).scenes[0];
    if (!scene) throw new Error('no scene');
    const bad = await studio.router.dispatch(
      'scenes.update',
      { scene: { ...scene, items: [{ ...scene.items[0], opacity: 3 }] } },
      ctx,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/scene\.items\.0\.opacity/) },
    });
    const refused = await studio.router.dispatch(
      'scenes.import',
      {
        json: JSON.stringify({
          format: 'vj-studio.scenes',
          version: 1,
          scenes: [{ id: 'x', name: 'X', items: 'many' }],
        }),
      },
      ctx,
    );
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(
          /^This scene file cannot be imported: scene 1 \("X"\) › items: .+ Nothing was changed\.$/,
        ),
        zh: expect.stringMatching(/^无法导入此场景文件：scene 1 \("X"\) › items: .+。未做任何更改。$/),
      },
    });
    const good = await studio.router.dispatch('scenes.update', { scene: { ...scene, name: 'Renamed' } }, ctx);
    expect(good).toMatchObject({ ok: true });
    expect(events).toContain('scenes.changed');
    await studio.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
