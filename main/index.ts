// Entry of the Electron studio: the same services as the headless host, shown in one hardened window.
import { app, BrowserWindow, shell } from 'electron';
import log from 'electron-log/main';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../platform';
import { createStudio, type Studio } from './app';
import {
  createStudioWindow,
  electronHotkeyRegistrar,
  installIpcTransport,
  PanelWindows,
  SafeStorageSecretStore,
  startUpdater,
  type StudioWindow,
} from './shell';
import { installCrashGuard, readAppVersion } from './system';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let studio: Studio | null = null;

app.enableSandbox();

// A stray exception or rejection mid-show is logged (electron-log's file) and told to the VJ; the show goes on.
log.initialize();
installCrashGuard({
  log: (line) => log.error(line),
  logPlace: log.transports.file.getFile().path,
  notify: (notice) => studio?.bus.emit('system.notice', notice),
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.STUDIO_DATA_DIR ?? app.getPath('userData');
  const panelWindows = new PanelWindows(outDir, process.env.ELECTRON_RENDERER_URL);
  let studioWindow: StudioWindow | null = null;
  studio = await createStudio({
    dataDir,
    secrets: new SafeStorageSecretStore(join(dataDir, 'session-token.enc')),
    destinationSecrets: new SafeStorageSecretStore(join(dataDir, 'destinations.enc')),
    platformStarter: (o) => startPlatform(o),
    runtime: 'electron',
    appVersion: readAppVersion(join(outDir, '..', 'package.json')) || app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    openPanelWindow: (panel) => panelWindows.show(panel),
    // Scenes, microphone, camera, recording and end work while another application is in front.
    globalHotkeys: electronHotkeyRegistrar(() => studioWindow?.window ?? null),
    logsFolder: {
      path: dirname(log.transports.file.getFile().path),
      open: async () => {
        const failed = await shell.openPath(dirname(log.transports.file.getFile().path));
        if (failed) throw new Error(`The logs folder could not be opened: ${failed}`);
      },
    },
  });
  const shown = createStudioWindow(outDir, process.env.ELECTRON_RENDERER_URL);
  studioWindow = shown;
  installIpcTransport(
    studio,
    (e) => shown.isTrusted(e, panelWindows.windows()),
    () => [shown.window, ...panelWindows.windows()].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
  );
  startUpdater(
    studio,
    () => (shown.window.isDestroyed() ? null : shown.window),
    (line) => log.info(line),
  );
}

app.on('window-all-closed', () => {
  app.quit();
});

app.on('will-quit', (event) => {
  if (!studio) return;
  event.preventDefault();
  const closing = studio;
  studio = null;
  void closing.close().finally(() => app.exit(0));
});

start().catch((err: unknown) => {
  console.error(`VJ Studio could not start: ${(err as Error).message}`);
  for (const w of BrowserWindow.getAllWindows()) w.destroy();
  app.exit(1);
});
