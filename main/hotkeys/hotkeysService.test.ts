// The hotkeys service in a real studio: bindings kept in SQLite and handed to the shell's registrar, a
// press switching the real program scene, and ending the show only when the VJ says yes. The registrar is
// the one stand-in: Electron's globalShortcut cannot run here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../app';
import type { HotkeyAction } from '../contract';
import type { GlobalHotkeyRegistrar } from './hotkeysService';
import type { HotkeyBindings } from './hotkeyCommands';

const ctx = { transport: 'internal' as const, peer: 'test' };
const dataDir = mkdtempSync(join(tmpdir(), 'studio-hotkeys-'));
let studio: Studio;
let registered: HotkeyBindings | null = null;
let press: (action: HotkeyAction) => void = () => {};
const asked: string[] = [];

const registrar: GlobalHotkeyRegistrar = {
  register(bindings, onPress) {
    registered = bindings;
    press = onPress;
    // Another application holds this one.
    return bindings.toggleCamera === 'CommandOrControl+Alt+C' ? ['toggleCamera'] : [];
  },
  async confirm(question) {
    asked.push(question.en);
    return false;
  },
  unregisterAll() {
    registered = null;
  },
};

async function call(name: string, input: unknown) {
  const reply = await studio.router.dispatch(name, input, ctx);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as Record<string, unknown>;
}

beforeAll(async () => {
  studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0',
    log: () => {},
    globalHotkeys: registrar,
  });
});
afterAll(async () => {
  await studio.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('global hotkeys in a real studio', () => {
  it('registers the bindings at start and says which another application holds', async () => {
    expect(registered?.scene1).toBe('CommandOrControl+Alt+1');
    expect(await call('hotkeys.state', {})).toMatchObject({ global: true, unavailable: ['toggleCamera'] });
  });

  it('a press of scene 2 puts the second scene on air', async () => {
    const state = await call('scenes.state', {});
    const second = (state.scenes as { id: string }[])[1]!.id;
    press('scene2');
    for (let i = 0; i < 100 && (await call('scenes.state', {})).programSceneId !== second; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await call('scenes.state', {})).programSceneId).toBe(second);
  });

  it('a changed binding is kept and registered again; a shared shortcut is refused in plain words', async () => {
    await call('hotkeys.set', { bindings: { toggleCamera: 'Alt+Shift+F9' } });
    expect(registered?.toggleCamera).toBe('Alt+Shift+F9');
    expect(await call('hotkeys.state', {})).toMatchObject({ unavailable: [] });
    const refused = await studio.router.dispatch('hotkeys.set', { bindings: { toggleMic: 'Shift+Alt+F9' } }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', zh: expect.stringContaining('快捷键') } });
    const bad = await studio.router.dispatch('hotkeys.set', { bindings: { toggleMic: 'M' } }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(((await call('hotkeys.state', {})).bindings as HotkeyBindings).toggleMic).toBe('CommandOrControl+Alt+M');
  });

  it('a press of mute mutes the microphone through the session', async () => {
    press('toggleMic');
    for (let i = 0; i < 100 && !(await call('session.state', {})).micMuted; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await call('session.state', {})).micMuted).toBe(true);
  });
});
