import { describe, expect, it } from 'vitest';
import { editorKeyAction, type KeyLike } from './editorKeys';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[1-9]$/.test(k) ? `Digit${k}` : k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: { tagName: 'BODY' },
  ...extra,
});

describe('editor keys', () => {
  it('maps Ctrl+1…9 and Cmd+1…9 to scenes', () => {
    expect(editorKeyAction(key('1', { ctrlKey: true }))).toEqual({ kind: 'scene', index: 0 });
    expect(editorKeyAction(key('9', { metaKey: true }))).toEqual({ kind: 'scene', index: 8 });
    expect(editorKeyAction(key('0', { ctrlKey: true }))).toBeNull();
    expect(editorKeyAction(key('1'))).toBeNull();
  });
  it('nudges by 1 px, or 10 with Shift, and deletes', () => {
    expect(editorKeyAction(key('ArrowLeft'))).toEqual({ kind: 'nudge', dx: -1, dy: 0 });
    expect(editorKeyAction(key('ArrowDown', { shiftKey: true }))).toEqual({ kind: 'nudge', dx: 0, dy: 10 });
    expect(editorKeyAction(key('Delete'))).toEqual({ kind: 'delete' });
  });
  it('leaves the keys alone while the VJ types, but not on a checkbox', () => {
    expect(editorKeyAction(key('1', { ctrlKey: true, target: { tagName: 'INPUT', type: 'text' } }))).toBeNull();
    expect(editorKeyAction(key('Backspace', { target: { tagName: 'TEXTAREA' } }))).toBeNull();
    expect(editorKeyAction(key('1', { ctrlKey: true, target: { tagName: 'INPUT', type: 'checkbox' } }))).toEqual({
      kind: 'scene',
      index: 0,
    });
    expect(editorKeyAction(key('ArrowLeft', { target: { tagName: 'INPUT', type: 'range' } }))).toBeNull();
  });
});
