// cockpit.*: the live screen's arrangement of panels, remembered per scene profile, and its pop-out windows.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';

/** Every panel the live screen can show; the order is the order of their keys (Alt+1…). */
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
] as const;
export const cockpitPanelSchema = z.enum(cockpitPanelIds);
export type CockpitPanel = z.infer<typeof cockpitPanelSchema>;

/** The named layouts the VJ starts from; "custom" once they have moved anything. */
export const cockpitPresets = ['singleMonitor', 'chatOnTheSide'] as const;

/** A saved arrangement is at most this large as JSON: the dock of seven panels is a few KB. */
export const MAX_COCKPIT_DOCK_BYTES = 64 * 1024;

export const cockpitLayoutSchema = z
  .object({
    preset: z.enum([...cockpitPresets, 'custom']),
    /** The docking library's own serialised arrangement (sizes, groups, tabs); checked again when it is loaded. */
    dock: z.record(z.string(), z.unknown()),
    /** Panels the VJ closed: each is one key or one click away from coming back. */
    hidden: z.array(cockpitPanelSchema).max(cockpitPanelIds.length),
    /** Panels shown in their own window or tab instead of in the dock. */
    poppedOut: z.array(cockpitPanelSchema).max(cockpitPanelIds.length),
  })
  .strict()
  .refine((layout) => JSON.stringify(layout.dock).length <= MAX_COCKPIT_DOCK_BYTES, {
    message: `the arrangement is larger than ${MAX_COCKPIT_DOCK_BYTES / 1024} KB`,
    path: ['dock'],
  });
export type CockpitLayout = z.infer<typeof cockpitLayoutSchema>;

const layoutOfProfile = z.object({ profileId: z.string(), layout: cockpitLayoutSchema.nullable() });
export type CockpitLayoutOfProfile = z.infer<typeof layoutOfProfile>;

export const cockpitCalls = {
  'cockpit.layout': defineCall(
    noInput,
    layoutOfProfile,
    "The live screen's arrangement for the active scene profile; null until the VJ first arranges it.",
  ),
  'cockpit.saveLayout': defineCall(
    z.object({ layout: cockpitLayoutSchema }).strict(),
    ok,
    "Remembers the live screen's arrangement for the active scene profile; every window showing it follows.",
  ),
  'cockpit.popOut': defineCall(
    z.object({ panel: cockpitPanelSchema }).strict(),
    z.object({ window: z.enum(['opened', 'none']) }),
    "Opens a panel in a window of its own where the studio has windows (Electron); 'none' tells a browser tab to open one itself.",
  ),
};

export const cockpitEvents = {
  'cockpit.layoutChanged': defineEvent(
    layoutOfProfile,
    "The live screen's arrangement changed (another window, a pop-out docked back).",
  ),
};
