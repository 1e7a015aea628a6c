// The studio's one window, hardened: isolated, sandboxed, no Node, strict CSP, no navigation, no popups.
import { BrowserWindow, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../headless/host';
import { hardenedWebPreferences } from './windowOptions';
import { isTrustedIpcSender, mayGrantPermission, mayOpenExternally, type StudioPageSource } from './securityPolicy';

export interface StudioWindow {
  window: BrowserWindow;
  /** A call from the main frame of one of the studio's windows (`others`: its popped-out panels), on its own page. */
  isTrusted(event: IpcMainInvokeEvent, others?: readonly BrowserWindow[]): boolean;
}

export function createStudioWindow(outDir: string, devServerUrl: string | undefined): StudioWindow {
  const rendererIndex = pathToFileURL(join(outDir, 'renderer', 'index.html')).toString();
  const source: StudioPageSource = devServerUrl
    ? { kind: 'devServer', url: devServerUrl }
    : { kind: 'file', fileUrl: rendererIndex };

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(mayGrantPermission(permission, details.requestingUrl, source)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    mayGrantPermission(permission, details.requestingUrl ?? '', source),
  );

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
    if (mayOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(devServerUrl ?? rendererIndex);

  return {
    window,
    isTrusted(event, others = []) {
      const frame = event.senderFrame;
      return isTrustedIpcSender(
        {
          senderId: event.sender.id,
          studioWebContentsIds: [window, ...others].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id),
          isMainFrame: !!frame && frame === event.sender.mainFrame,
          frameUrl: frame?.url ?? null,
        },
        source,
      );
    },
  };
}
