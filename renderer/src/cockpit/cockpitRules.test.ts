import { describe, expect, it } from 'vitest';
import type { CockpitLayout } from '../../../main/contract/cockpit';
import {
  cockpitPanelIds,
  afterDockBack,
  afterHide,
  afterPopOut,
  extraInDock,
  missingFromDock,
  panelForKey,
  panelKey,
  presetPlans,
  returnPlace,
} from './cockpitRules';

const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});
const base: CockpitLayout = { preset: 'singleMonitor', dock: {}, hidden: [], poppedOut: [] };

describe('the cockpit rules', () => {
  it('gives every panel its own key, Alt+1 … Alt+9, and no key to anything else', () => {
    const reached = cockpitPanelIds.map((_, i) => panelForKey(key(`Digit${i + 1}`)));
    expect(reached).toEqual([...cockpitPanelIds]);
    expect(cockpitPanelIds.map(panelKey)).toEqual([
      'Alt+1',
      'Alt+2',
      'Alt+3',
      'Alt+4',
      'Alt+5',
      'Alt+6',
      'Alt+7',
      'Alt+8',
      'Alt+9',
    ]);
    expect(panelForKey(key('Numpad4'))).toBe('chat');
    expect(panelForKey(key('Digit9'))).toBe('alerts');
    expect(panelForKey(key('Digit0'))).toBeNull();
    expect(panelForKey(key('Digit1', { altKey: false }))).toBeNull(); // Ctrl+1…9 stay the scenes' keys
    expect(panelForKey(key('Digit1', { ctrlKey: true }))).toBeNull();
    expect(panelForKey(key('KeyM'))).toBeNull(); // Alt+M stays the microphone
  });

  it('places every panel once in each named layout, each beside one placed before it', () => {
    for (const plan of Object.values(presetPlans)) {
      expect(plan.map((p) => p.panel).sort()).toEqual([...cockpitPanelIds].sort());
      plan.forEach((p, i) => {
        if (i === 0) expect(p.beside).toBeUndefined();
        else expect(plan.slice(0, i).map((q) => q.panel)).toContain(p.beside?.panel);
      });
    }
    expect(presetPlans.chatOnTheSide[1]).toMatchObject({
      panel: 'chat',
      beside: { panel: 'preview', direction: 'right' },
    });
  });

  it('moves a panel between the dock, hidden and popped out, never in two places', () => {
    const popped = afterPopOut(afterHide(base, 'chat'), 'chat');
    expect(popped).toMatchObject({ hidden: [], poppedOut: ['chat'] });
    expect(missingFromDock(popped, ['preview'])).not.toContain('chat');
    expect(extraInDock(popped, ['preview', 'chat'])).toEqual(['chat']);
    const back = afterDockBack(popped, 'chat');
    expect(back).toMatchObject({ hidden: [], poppedOut: [] });
    expect(missingFromDock(back, ['preview', 'figures'])).toEqual([
      'scenes',
      'mixer',
      'chat',
      'cohost',
      'safety',
      'destinations',
      'alerts',
    ]);
    expect(afterHide(afterHide(base, 'mixer'), 'mixer').hidden).toEqual(['mixer']);
  });

  it('docks a panel back at its place in the layout, or beside the preview when that place is gone', () => {
    expect(returnPlace('singleMonitor', 'chat', ['preview', 'figures'])).toEqual({
      panel: 'figures',
      direction: 'below',
    });
    expect(returnPlace('singleMonitor', 'chat', ['preview'])).toEqual({ panel: 'preview', direction: 'right' });
    expect(returnPlace('custom', 'chat', ['preview'])).toEqual({ panel: 'preview', direction: 'right' });
    expect(returnPlace('custom', 'preview', ['mixer'])).toEqual({ panel: 'mixer', direction: 'within' });
    expect(returnPlace('custom', 'preview', [])).toBeUndefined();
  });
});
