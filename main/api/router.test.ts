import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio } from '../app';

async function studio() {
  return createStudio({
    dataDir: mkdtempSync(join(tmpdir(), 'studio-router-')),
    runtime: 'headless',
    appVersion: '1.2.3',
    log: () => {},
  });
}
const ctx = { transport: 'internal' as const, peer: 'test' };

describe('ApiRouter', () => {
  it('answers a valid call with its value', async () => {
    const s = await studio();
    const r = await s.router.dispatch('system.ping', { echo: 'hi' }, ctx);
    expect(r).toMatchObject({ ok: true, value: { echo: 'hi' } });
    await s.close();
  });

  it('refuses an unknown call in plain words', async () => {
    const s = await studio();
    expect(await s.router.dispatch('system.reboot', {}, ctx)).toEqual({
      ok: false,
      error: {
        code: 'unknown_call',
        message: 'The studio has no call named "system.reboot".',
        zh: '工作室没有名为 "system.reboot" 的调用。',
      },
    });
    expect(await s.router.dispatch(42, {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    await s.close();
  });

  it('refuses input that breaks the schema and names the field', async () => {
    const s = await studio();
    const r = await s.router.dispatch('system.ping', { echo: 5 }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/^The input to system\.ping is not valid: echo: /);
    }
    const extra = await s.router.dispatch('system.info', { surprise: true }, ctx);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await s.close();
  });

  it('reads and writes settings through the real database', async () => {
    const s = await studio();
    expect(await s.router.dispatch('settings.set', { key: 'k', value: { a: 1 } }, ctx)).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(await s.router.dispatch('settings.get', { key: 'k' }, ctx)).toEqual({
      ok: true,
      value: { value: { a: 1 } },
    });
    await s.close();
  });

  it('describes every call and event with a JSON Schema', async () => {
    const s = await studio();
    const r = await s.router.dispatch('system.describe', {}, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const d = r.value as {
        calls: { name: string; input: { type?: string } }[];
        events: { name: string; payload: object }[];
      };
      const names = d.calls.map((c) => c.name);
      expect(names).toContain('system.info');
      expect(names).toContain('system.describe');
      for (const c of d.calls) expect(c.input).toHaveProperty('$schema');
      expect(d.events.map((e) => e.name)).toContain('system.notice');
    }
    await s.close();
  });

  it('carries a refusal in English and Simplified Chinese, from a handler deep in the studio', async () => {
    const s = await studio();
    const r = await s.router.dispatch('scenes.transition', { type: 'cut', durationMs: 0 }, ctx);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Turn on studio mode first: it prepares the next scene, then cuts or fades to it.',
        zh: '请先打开工作室模式：它会先准备下一个场景，再切换或淡入过去。',
      },
    });
    await s.close();
  });
});
