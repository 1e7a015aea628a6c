// The editor's keys, pure: Ctrl+1…9 (Cmd on a Mac) chooses a scene; arrows nudge the selected item (Shift: by
// 10 px); Delete removes it. Never while the VJ types in a field.

export type KeyAction =
  { kind: 'scene'; index: number } | { kind: 'nudge'; dx: number; dy: number } | { kind: 'delete' } | null;

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null;
}

const textInputTypes = /^(text|search|number|email|url|password|tel|color|date|time)$/;

function typing(target: KeyLike['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && textInputTypes.test(target.type ?? 'text');
}

const arrows: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function editorKeyAction(e: KeyLike): KeyAction {
  if (typing(e.target) || e.altKey) return null;
  if (e.ctrlKey || e.metaKey) {
    if (e.shiftKey) return null;
    const m = /^Digit([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key);
    return m ? { kind: 'scene', index: Number(m[1]) - 1 } : null;
  }
  // Arrows and Delete belong to any focused field (a slider, a list), not only to text.
  if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName ?? '')) return null;
  const arrow = arrows[e.key];
  if (arrow) {
    const step = e.shiftKey ? 10 : 1;
    return { kind: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete' };
  return null;
}
