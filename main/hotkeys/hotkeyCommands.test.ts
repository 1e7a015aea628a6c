// The global hotkeys' decisions, as pure functions: which studio call each action makes in a given state,
// the confirmation before ending, one spelling per shortcut, and refusing two actions on one shortcut.
import { describe, expect, it } from 'vitest';
import { hotkeyBindingsSchema, type SessionState } from '../contract';
import { acceleratorSchema } from '../contract/controlSurfaces';
import type { ScenesState } from '../contract/scenes';
import { defaultHotkeys, hotkeyCommand, normalizeAccelerator, withBindings } from './hotkeyCommands';

const scene = (id: string) => ({ id, name: id, items: [] });
const scenes = {
  scenes: [scene('a'), scene('b'), scene('c')],
  programSceneId: 'a',
} as unknown as ScenesState;
const idle = {
  phase: 'idle',
  title: null,
  micMuted: false,
  cameraOff: false,
  recording: false,
} as unknown as SessionState;
const live: SessionState = {
  ...idle,
  phase: 'live',
  title: 'Friday set',
  micMuted: true,
  cameraOff: true,
  recording: true,
};

describe('hotkeyCommand', () => {
  it('scene N puts the Nth scene of the list on air; nothing for a missing scene or the one on air', () => {
    expect(hotkeyCommand('scene2', scenes, idle)).toEqual({ call: 'scenes.activate', input: { id: 'b' } });
    expect(hotkeyCommand('scene3', scenes, idle)).toEqual({ call: 'scenes.activate', input: { id: 'c' } });
    expect(hotkeyCommand('scene4', scenes, idle)).toBeNull();
    expect(hotkeyCommand('scene1', scenes, idle)).toBeNull();
  });

  it('mute, camera and recording toggle from the current state', () => {
    expect(hotkeyCommand('toggleMic', scenes, idle)).toEqual({ call: 'session.setMic', input: { muted: true } });
    expect(hotkeyCommand('toggleMic', scenes, live)).toEqual({ call: 'session.setMic', input: { muted: false } });
    expect(hotkeyCommand('toggleCamera', scenes, idle)).toEqual({ call: 'session.setCamera', input: { off: true } });
    expect(hotkeyCommand('toggleCamera', scenes, live)).toEqual({ call: 'session.setCamera', input: { off: false } });
    expect(hotkeyCommand('toggleRecording', scenes, idle)?.call).toBe('session.startRecording');
    expect(hotkeyCommand('toggleRecording', scenes, live)?.call).toBe('session.stopRecording');
  });

  it('end asks first, in both languages, and only while live', () => {
    expect(hotkeyCommand('endBroadcast', scenes, idle)).toBeNull();
    const end = hotkeyCommand('endBroadcast', scenes, live);
    expect(end?.call).toBe('session.end');
    expect(end?.confirm?.en).toMatch(/^End the broadcast "Friday set"\?/);
    expect(end?.confirm?.zh).toMatch(/^结束直播“Friday set”？/);
  });
});

describe('hotkey bindings', () => {
  it('the defaults are valid accelerators with a modifier, each action its own', () => {
    expect(hotkeyBindingsSchema.parse(defaultHotkeys)).toEqual(defaultHotkeys);
    expect(withBindings(defaultHotkeys, {})).toEqual(defaultHotkeys);
    expect(acceleratorSchema.safeParse('M').success).toBe(false);
    expect(acceleratorSchema.safeParse('Alt+F13').success).toBe(true);
    expect(acceleratorSchema.safeParse('Alt+M; rm -rf').success).toBe(false);
  });

  it('one spelling per shortcut', () => {
    expect(normalizeAccelerator('Ctrl+Alt+m')).toBe(normalizeAccelerator('Alt+Control+M'));
    expect(normalizeAccelerator('CmdOrCtrl+1')).toBe('CommandOrControl+1');
    expect(normalizeAccelerator('Alt+M')).not.toBe(normalizeAccelerator('Alt+Shift+M'));
  });

  it('refuses two actions on one shortcut, in plain words, and allows turning one off', () => {
    expect(() => withBindings(defaultHotkeys, { toggleMic: 'Alt+CommandOrControl+1' })).toThrow(
      /CommandOrControl\+1 is already the shortcut of "scene1": choose another for "toggleMic"/,
    );
    const off = withBindings(defaultHotkeys, { scene1: null, toggleMic: 'CommandOrControl+Alt+1' });
    expect(off.scene1).toBeNull();
    expect(off.toggleMic).toBe('CommandOrControl+Alt+1');
  });
});
