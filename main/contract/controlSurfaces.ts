// obsWebSocket.* and hotkeys.*: control surfaces — the obs-websocket 5 server that Stream Decks and bots
// drive, and the global hotkeys of the Electron studio.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';
import { studioErrorSchema } from './errors';

export const DEFAULT_OBS_WEBSOCKET_PORT = 4455;

export const obsWebSocketStateSchema = z.object({
  enabled: z.boolean(),
  /** Open to the local network (all interfaces) instead of this computer only. */
  lan: z.boolean(),
  /** The port the VJ chose (4455 by default). */
  port: z.number().int(),
  /** The port it listens on now; another than `port` when that one was taken. */
  listeningPort: z.number().int().nullable(),
  /** Addresses to paste into a control surface, ws://host:port. */
  addresses: z.array(z.string()),
  password: z.string(),
  clients: z.number().int(),
  /** Why the server is not listening, or that it fell back to a free port. */
  problem: studioErrorSchema.nullable(),
});
export type ObsWebSocketState = z.infer<typeof obsWebSocketStateSchema>;

export const hotkeyActions = [
  'scene1',
  'scene2',
  'scene3',
  'scene4',
  'scene5',
  'scene6',
  'scene7',
  'scene8',
  'scene9',
  'toggleMic',
  'toggleCamera',
  'toggleRecording',
  'endBroadcast',
] as const;
export type HotkeyAction = (typeof hotkeyActions)[number];

const modifier = '(?:CommandOrControl|CmdOrCtrl|Control|Ctrl|Command|Cmd|Alt|Option|AltGr|Shift|Super|Meta)';
const key =
  '(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Plus|num[0-9])';
/** An Electron accelerator with at least one modifier (a bare key would be taken from every other app). */
export const acceleratorSchema = z
  .string()
  .max(80)
  .regex(new RegExp(`^(?:${modifier}\\+)+${key}$`), 'a shortcut like CommandOrControl+Alt+1 (with a modifier)');

/** Every action's shortcut, or null where it has none. */
export const hotkeyBindingsSchema = z.record(z.enum(hotkeyActions), acceleratorSchema.nullable());
export type HotkeyBindings = z.infer<typeof hotkeyBindingsSchema>;

export const hotkeysStateSchema = z.object({
  bindings: hotkeyBindingsSchema,
  /** Whether this studio can register global hotkeys (the Electron studio can, the headless host cannot). */
  global: z.boolean(),
  /** Shortcuts another application holds, so they do nothing here. */
  unavailable: z.array(z.enum(hotkeyActions)),
});
export type HotkeysState = z.infer<typeof hotkeysStateSchema>;

export const controlSurfaceCalls = {
  'obsWebSocket.state': defineCall(
    noInput,
    obsWebSocketStateSchema,
    'The obs-websocket server: on or off, where, password.',
  ),
  'obsWebSocket.configure': defineCall(
    z
      .object({
        enabled: z.boolean().optional(),
        lan: z.boolean().optional(),
        port: z.number().int().min(1024).max(65535).optional(),
      })
      .strict(),
    obsWebSocketStateSchema,
    'Turn the obs-websocket server on or off, open it to the LAN or not, choose its port.',
  ),
  'obsWebSocket.newPassword': defineCall(
    noInput,
    obsWebSocketStateSchema,
    'A new generated password; connected control surfaces must sign in again.',
  ),
  'hotkeys.state': defineCall(noInput, hotkeysStateSchema, 'The global hotkeys and which of them work.'),
  'hotkeys.set': defineCall(
    z.object({ bindings: z.partialRecord(z.enum(hotkeyActions), acceleratorSchema.nullable()) }).strict(),
    hotkeysStateSchema,
    'Change global hotkeys (null turns one off); two actions cannot share a shortcut.',
  ),
} as const;

export const controlSurfaceEvents = {
  'obsWebSocket.state': defineEvent(obsWebSocketStateSchema, 'The obs-websocket server or its clients changed.'),
  'hotkeys.state': defineEvent(hotkeysStateSchema, 'The global hotkeys changed.'),
} as const;
