// The bridge: exposes the studio API as window.studio, and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'studio:call';
const EVENT_CHANNEL = 'studio:event';

type EventMessage = { event: string; payload: unknown };

contextBridge.exposeInMainWorld('studio', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  onEvent: (listener: (message: EventMessage) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
