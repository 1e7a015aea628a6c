// The studio API over Electron IPC: one invoke channel for calls, one channel for events. Only the studio's
// own window, showing the studio's own page, may call.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Studio } from '../app';

export const CALL_CHANNEL = 'studio:call';
export const EVENT_CHANNEL = 'studio:event';

export function installIpcTransport(
  studio: Studio,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  target: () => WebContents | null,
): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrusted(event)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'This window is not allowed to use the studio API.',
          zh: '此窗口无权使用工作室接口。',
        },
      };
    }
    return studio.router.dispatch(name, input, { transport: 'ipc', peer: `webContents:${event.sender.id}` });
  });
  const unsubscribe = studio.bus.subscribe((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, { event: name, payload });
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
