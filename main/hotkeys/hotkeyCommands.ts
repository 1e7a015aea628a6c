// What each global hotkey does, as a pure decision: the studio call an action makes in the studio's current
// state (scene N of the list, the microphone's or camera's opposite, recording on or off, end after asking).
import type { HotkeyAction, SessionState } from '../contract';
import type { ScenesState } from '../contract/scenes';
import { StudioError, type CallName } from '../contract';
import { refusalWords } from '../contract/refusalWords';

export type HotkeyBindings = Record<HotkeyAction, string | null>;

export const defaultHotkeys: HotkeyBindings = {
  scene1: 'CommandOrControl+Alt+1',
  scene2: 'CommandOrControl+Alt+2',
  scene3: 'CommandOrControl+Alt+3',
  scene4: 'CommandOrControl+Alt+4',
  scene5: 'CommandOrControl+Alt+5',
  scene6: 'CommandOrControl+Alt+6',
  scene7: 'CommandOrControl+Alt+7',
  scene8: 'CommandOrControl+Alt+8',
  scene9: 'CommandOrControl+Alt+9',
  toggleMic: 'CommandOrControl+Alt+M',
  toggleCamera: 'CommandOrControl+Alt+C',
  toggleRecording: 'CommandOrControl+Alt+R',
  endBroadcast: 'CommandOrControl+Alt+E',
};

export interface HotkeyCommand {
  call: CallName;
  input: Record<string, unknown>;
  /** Asked before the call runs; the call runs only on yes. */
  confirm?: { en: string; zh: string };
}

const modifierNames: Record<string, string> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  command: 'Command',
  cmd: 'Command',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** One spelling per shortcut (Ctrl+Alt+m and Alt+Control+M are the same keys), to find two actions on one. */
export function normalizeAccelerator(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const mods = [...new Set(parts.map((p) => modifierNames[p.toLowerCase()] ?? p))].sort();
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** The bindings with a change applied; refused in plain words when two actions would share a shortcut. */
export function withBindings(current: HotkeyBindings, patch: Partial<HotkeyBindings>): HotkeyBindings {
  const next = { ...current, ...patch };
  const seen = new Map<string, HotkeyAction>();
  for (const [action, accelerator] of Object.entries(next) as [HotkeyAction, string | null][]) {
    if (!accelerator) continue;
    const key = normalizeAccelerator(accelerator);
    const other = seen.get(key);
    if (other) throw new StudioError('conflict', refusalWords.hotkeys.taken(accelerator, other, action));
    seen.set(key, action);
  }
  return next;
}

/** The call a hotkey makes now, or null when it has nothing to do (no such scene, not live). */
export function hotkeyCommand(action: HotkeyAction, scenes: ScenesState, session: SessionState): HotkeyCommand | null {
  const scene = /^scene([1-9])$/.exec(action);
  if (scene) {
    const target = scenes.scenes[Number(scene[1]) - 1];
    if (!target || target.id === scenes.programSceneId) return null;
    return { call: 'scenes.activate', input: { id: target.id } };
  }
  switch (action) {
    case 'toggleMic':
      return { call: 'session.setMic', input: { muted: !session.micMuted } };
    case 'toggleCamera':
      return { call: 'session.setCamera', input: { off: !session.cameraOff } };
    case 'toggleRecording':
      return { call: session.recording ? 'session.stopRecording' : 'session.startRecording', input: {} };
    case 'endBroadcast':
      if (session.phase !== 'live') return null;
      return {
        call: 'session.end',
        input: {},
        confirm: refusalWords.hotkeys.confirmEnd(session.title ?? ''),
      };
    default:
      return null;
  }
}
