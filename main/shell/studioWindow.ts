// The studio's one window, hardened: isolated, sandboxed, no Node, strict CSP, no navigation, no popups.
import { BrowserWindow, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../headless/host';
import { hardenedWebPreferences } from './windowOptions';

export interface StudioWindow {
  window: BrowserWindow;
  /** A call from the main frame of one of the studio's windows (`others`: its popped-out panels), on its own page. */
  isTrusted(event: IpcMainInvokeEvent, others?: readonly BrowserWindow[]): boolean;
}

export function createStudioWindow(outDir: string, devServerUrl: string | undefined): StudioWindow {
  const rendererIndex = join(outDir, 'renderer', 'index.html');
  const allowedOrigin = devServerUrl ? new URL(devServerUrl).origin : 'file://';

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Capture is done by ffmpeg in the main process; the page never needs a device or any other permission.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'VJ Studio',
    backgroundColor: '#101317',
    show: false,
    webPreferences: hardenedWebPreferences(outDir),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web (help pages, the viewer page) open in the system browser, never inside the studio.
    if (url.startsWith('https://') || url.startsWith('http://127.0.0.1')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadURL(pathToFileURL(rendererIndex).toString());

  const expectedFile = pathToFileURL(rendererIndex).toString();
  return {
    window,
    isTrusted(event, others = []) {
      const windows = [window, ...others].filter((w) => !w.isDestroyed());
      if (!windows.some((w) => w.webContents.id === event.sender.id)) return false;
      const frame = event.senderFrame;
      if (!frame || frame !== event.sender.mainFrame) return false;
      const url = frame.url;
      return devServerUrl ? url.startsWith(allowedOrigin) : url.split('#')[0]?.split('?')[0] === expectedFile;
    },
  };
}
