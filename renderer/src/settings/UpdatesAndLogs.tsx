// Settings → Updates and logs: the Electron studio's "Check for updates" switch (the `updates.enabled` setting,
// read by main/shell/updater.ts) and "Open logs folder" (the headless host names the folder instead).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useStudio } from '../api/StudioProvider';
import { CheckRow } from './SettingRows';

/** The key main/shell/updatePolicy.ts names UPDATES_SETTING (the renderer imports no code from main). */
const UPDATES_SETTING = 'updates.enabled';

export function UpdatesAndLogs() {
  const { t } = useTranslation();
  const client = useStudio();
  const [setting, reload] = useCall('settings.get', { key: UPDATES_SETTING });
  const [logs, setLogs] = useState<{ ok: boolean; text: string } | null>(null);
  const enabled = setting.status === 'ok' ? setting.value.value !== false : true;

  const toggle = async (on: boolean) => {
    await client.call('settings.set', { key: UPDATES_SETTING, value: on });
    reload();
  };
  const openLogs = async () => {
    try {
      const r = await client.call('system.openLogsFolder', {});
      setLogs({
        ok: true,
        text: r.opened ? t('settings.logsOpened', { path: r.path }) : t('settings.logsAt', { path: r.path }),
      });
    } catch (err) {
      setLogs({ ok: false, text: t('settings.logsFailed', { message: (err as Error).message }) });
    }
  };

  return (
    <section className="panel" aria-label={t('settings.updatesTitle')} data-testid="updates-and-logs">
      <h2>{t('settings.updatesTitle')}</h2>
      <CheckRow
        label={t('settings.updatesEnabled')}
        testId="updates-enabled"
        checked={enabled}
        disabled={setting.status !== 'ok'}
        set={(on) => void toggle(on)}
      />
      <p className="hint">{t('settings.updatesHint')}</p>
      <button type="button" data-testid="open-logs" onClick={() => void openLogs()}>
        {t('settings.openLogs')}
      </button>
      {logs && (
        <p className={logs.ok ? 'hint' : 'warning'} role="status" data-testid="logs-result">
          {logs.text}
        </p>
      )}
    </section>
  );
}
