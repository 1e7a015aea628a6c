// The live cockpit's rules as plain data: where each named layout puts the panels, which key reaches which
// panel, and how hiding, popping out and docking back change a saved arrangement. Pure, so unit-tested.
import type { CockpitLayout, CockpitPanel } from '../../../main/contract/cockpit';

/** The contract's panels in the order of their keys; the type checker holds it to the contract's list. */
export const cockpitPanelIds = [
  'preview',
  'scenes',
  'mixer',
  'chat',
  'figures',
  'cohost',
  'safety',
  'destinations',
  'alerts',
] as const satisfies readonly CockpitPanel[];
const everyPanelListed: Exclude<CockpitPanel, (typeof cockpitPanelIds)[number]> extends never ? true : false = true;
void everyPanelListed;

export type Preset = 'singleMonitor' | 'chatOnTheSide';
export type Direction = 'left' | 'right' | 'above' | 'below' | 'within';

/** One panel of a named layout, added in this order, placed relative to one added before it. */
export interface Placement {
  panel: CockpitPanel;
  beside?: { panel: CockpitPanel; direction: Direction };
  initialWidth?: number;
  initialHeight?: number;
}

export const presetPlans: Record<Preset, Placement[]> = {
  // Everything on one screen: the picture large, the figures and the chat in a column beside it, the
  // scenes and the mixer under it (co-hosts and safety as tabs beside the mixer, the alert queue beside the
  // scenes, the destinations beside the figures).
  singleMonitor: [
    { panel: 'preview' },
    { panel: 'figures', beside: { panel: 'preview', direction: 'right' }, initialWidth: 420 },
    { panel: 'chat', beside: { panel: 'figures', direction: 'below' } },
    { panel: 'scenes', beside: { panel: 'preview', direction: 'below' }, initialHeight: 260 },
    { panel: 'mixer', beside: { panel: 'scenes', direction: 'right' } },
    { panel: 'cohost', beside: { panel: 'mixer', direction: 'within' } },
    { panel: 'safety', beside: { panel: 'mixer', direction: 'within' } },
    { panel: 'destinations', beside: { panel: 'figures', direction: 'within' } },
    { panel: 'alerts', beside: { panel: 'scenes', direction: 'within' } },
  ],
  // The chat the whole height of the window on the right, for reading viewers while watching the picture.
  chatOnTheSide: [
    { panel: 'preview' },
    { panel: 'chat', beside: { panel: 'preview', direction: 'right' }, initialWidth: 440 },
    { panel: 'figures', beside: { panel: 'preview', direction: 'below' }, initialHeight: 280 },
    { panel: 'scenes', beside: { panel: 'figures', direction: 'right' } },
    { panel: 'mixer', beside: { panel: 'scenes', direction: 'within' } },
    { panel: 'cohost', beside: { panel: 'figures', direction: 'within' } },
    { panel: 'safety', beside: { panel: 'figures', direction: 'within' } },
    { panel: 'destinations', beside: { panel: 'figures', direction: 'within' } },
    { panel: 'alerts', beside: { panel: 'scenes', direction: 'within' } },
  ],
};

/** Alt+1 … Alt+9, in the order of the contract's panel list. */
export function panelKey(panel: CockpitPanel): string {
  return `Alt+${cockpitPanelIds.indexOf(panel) + 1}`;
}

/** The panel a key press asks for: Alt and a digit (by its physical key, so it works on every layout and OS). */
export function panelForKey(e: {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): CockpitPanel | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  return m ? (cockpitPanelIds[Number(m[1]) - 1] ?? null) : null;
}

export function isPanel(value: string): value is CockpitPanel {
  return (cockpitPanelIds as readonly string[]).includes(value);
}

const without = (list: CockpitPanel[], panel: CockpitPanel) => list.filter((p) => p !== panel);

export function afterHide(layout: CockpitLayout, panel: CockpitPanel): CockpitLayout {
  return { ...layout, hidden: [...without(layout.hidden, panel), panel], poppedOut: without(layout.poppedOut, panel) };
}

export function afterPopOut(layout: CockpitLayout, panel: CockpitPanel): CockpitLayout {
  return { ...layout, hidden: without(layout.hidden, panel), poppedOut: [...without(layout.poppedOut, panel), panel] };
}

/** Showing a hidden panel and docking a popped-out one back are the same: it belongs in the dock again. */
export function afterDockBack(layout: CockpitLayout, panel: CockpitPanel): CockpitLayout {
  return { ...layout, hidden: without(layout.hidden, panel), poppedOut: without(layout.poppedOut, panel) };
}

/** Panels that belong in the dock but are not in it (docked back from another window, shown again). */
export function missingFromDock(layout: CockpitLayout, docked: readonly string[]): CockpitPanel[] {
  return cockpitPanelIds.filter(
    (p) => !docked.includes(p) && !layout.hidden.includes(p) && !layout.poppedOut.includes(p),
  );
}

/** Panels in the dock that should not be (hidden or popped out in another window). */
export function extraInDock(layout: CockpitLayout, docked: readonly string[]): CockpitPanel[] {
  return cockpitPanelIds.filter(
    (p) => docked.includes(p) && (layout.hidden.includes(p) || layout.poppedOut.includes(p)),
  );
}

/** Where a panel coming back goes: its place in the named layout, beside a panel that is docked now. */
export function returnPlace(
  preset: CockpitLayout['preset'],
  panel: CockpitPanel,
  docked: readonly string[],
): Placement['beside'] | undefined {
  const plan = presetPlans[preset === 'custom' ? 'chatOnTheSide' : preset];
  const own = plan.find((p) => p.panel === panel)?.beside;
  if (own && docked.includes(own.panel)) return own;
  if (docked.includes('preview') && panel !== 'preview') return { panel: 'preview', direction: 'right' };
  const any = docked.find((p) => p !== panel);
  return any && isPanel(any) ? { panel: any, direction: 'within' } : undefined;
}
