// The studio API over Electron IPC: one invoke channel for calls, one channel for events. Only the studio's
// own windows (the studio and its popped-out panels), showing the studio's own page, may call; events go to all.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Studio } from '../app';
import { StudioError } from '../contract';
import { refusalWords } from '../contract/refusalWords';

export const CALL_CHANNEL = 'studio:call';
export const EVENT_CHANNEL = 'studio:event';

export function installIpcTransport(
  studio: Studio,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  targets: () => WebContents[],
): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrusted(event)) {
      return { ok: false, error: new StudioError('forbidden', refusalWords.calls.windowNotAllowed).toJSON() };
    }
    return studio.router.dispatch(name, input, { transport: 'ipc', peer: `webContents:${event.sender.id}` });
  });
  const unsubscribe = studio.bus.subscribe((name, payload) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, { event: name, payload });
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
