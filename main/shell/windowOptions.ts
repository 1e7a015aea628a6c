// What every studio window is made of, as plain data: the main window and a popped-out panel's window share
// one hardened set of web preferences (isolated, sandboxed, no Node, the one preload). Pure, so unit-tested.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CockpitPanel } from '../contract/cockpit';

export function hardenedWebPreferences(outDir: string): WebPreferences {
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The chat reads best tall and narrow; the picture wide. */
const panelSizes: Record<CockpitPanel, { width: number; height: number }> = {
  preview: { width: 960, height: 600 },
  scenes: { width: 420, height: 640 },
  mixer: { width: 520, height: 640 },
  chat: { width: 480, height: 860 },
  figures: { width: 520, height: 640 },
  cohost: { width: 520, height: 640 },
  safety: { width: 480, height: 640 },
  destinations: { width: 560, height: 760 },
  alerts: { width: 480, height: 520 },
};

export function panelWindowOptions(
  outDir: string,
  panel: CockpitPanel,
  title: string,
): BrowserWindowConstructorOptions {
  const size = panelSizes[panel];
  return {
    ...size,
    minWidth: 320,
    minHeight: 240,
    title,
    backgroundColor: '#101317',
    show: false,
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(outDir),
  };
}

/** The studio's own page showing one panel: the built file (or the dev server) with the panel's route. */
export function panelWindowUrl(outDir: string, devServerUrl: string | undefined, panel: CockpitPanel): string {
  const page = devServerUrl ?? pathToFileURL(join(outDir, 'renderer', 'index.html')).toString();
  return `${page.split('#')[0]}#/panel/${panel}`;
}
