// The live cockpit's popped-out panels in Electron: one hardened window per panel, built like the studio's
// own window, showing the studio's own page at the panel's route and talking over the same typed IPC.
import { BrowserWindow } from 'electron';
import type { CockpitPanel } from '../contract/cockpit';
import { panelWindowOptions, panelWindowUrl } from './windowOptions';

const titles: Record<CockpitPanel, string> = {
  preview: 'Program preview',
  scenes: 'Scenes',
  mixer: 'Audio mixer',
  chat: 'Chat',
  figures: 'Live figures',
  cohost: 'Co-hosts',
  safety: 'Safety',
  destinations: 'Destinations',
  alerts: 'Alert queue',
};

export class PanelWindows {
  private readonly open = new Map<CockpitPanel, BrowserWindow>();

  constructor(
    private readonly outDir: string,
    private readonly devServerUrl: string | undefined,
  ) {}

  /** Opens the panel's window, or brings the one already open to the front. */
  show(panel: CockpitPanel): void {
    const existing = this.open.get(panel);
    if (existing && !existing.isDestroyed()) {
      existing.focus();
      return;
    }
    const window = new BrowserWindow(panelWindowOptions(this.outDir, panel, `VJ Studio · ${titles[panel]}`));
    this.open.set(panel, window);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.open.delete(panel));
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.on('will-redirect', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-attach-webview', (event) => event.preventDefault());
    void window.loadURL(panelWindowUrl(this.outDir, this.devServerUrl, panel));
  }

  windows(): BrowserWindow[] {
    return [...this.open.values()].filter((w) => !w.isDestroyed());
  }
}
