// electron-updater in the packaged studio: checks the release feed (GitHub releases, electron-builder.yml's
// publish), downloads in the background, and offers "restart to update" only as updatePolicy allows: never
// while a show is on air. Settings → "Check for updates" (the `updates.enabled` setting) or STUDIO_UPDATES=off
// turns it off.
import { app, dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import type { Studio } from '../app';
import type { SessionState } from '../contract';
import { UPDATES_SETTING, updatePromptDecision } from './updatePolicy';

const RECHECK_OFF_AIR_MS = 30_000;

export function startUpdater(studio: Studio, window: () => BrowserWindow | null, log: (line: string) => void): void {
  const updatesEnabled = () =>
    process.env.STUDIO_UPDATES !== 'off' && studio.storage.settings.get<boolean>(UPDATES_SETTING) !== false;
  if (!app.isPackaged || !updatesEnabled()) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = { info: log, warn: log, error: log, debug: () => {} };
  let downloadedVersion: string | null = null;
  let declinedVersion: string | null = null;
  let asking = false;
  const phase = async (): Promise<SessionState['phase']> => {
    const reply = await studio.router.dispatch('session.state', {}, { transport: 'internal', peer: 'updater' });
    return reply.ok ? (reply.value as SessionState).phase : 'live';
  };
  const offer = async () => {
    if (asking) return;
    const decision = updatePromptDecision({
      downloadedVersion,
      sessionPhase: await phase(),
      updatesEnabled: updatesEnabled(),
      declinedVersion,
    });
    if (decision === 'wait-until-off-air') setTimeout(() => void offer(), RECHECK_OFF_AIR_MS);
    if (decision !== 'prompt') return;
    asking = true;
    const w = window();
    const options = {
      type: 'info' as const,
      buttons: ['Restart to update / 重启以更新', 'Later / 稍后'],
      defaultId: 0,
      cancelId: 1,
      message: `VJ Studio ${downloadedVersion} is ready. / VJ Studio ${downloadedVersion} 已就绪。`,
      detail: 'The studio restarts in a moment. / 工作室将重新启动。',
    };
    const { response } = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options);
    asking = false;
    if (response === 0) autoUpdater.quitAndInstall();
    else declinedVersion = downloadedVersion;
  };
  autoUpdater.on('update-downloaded', (info) => {
    downloadedVersion = info.version;
    void offer();
  });
  autoUpdater.on('error', (err) => log(`update check failed: ${err.message}`));
  void autoUpdater.checkForUpdates().catch((err: Error) => log(`update check failed: ${err.message}`));
}
