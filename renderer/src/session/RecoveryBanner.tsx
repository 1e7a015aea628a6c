// After a crash: the interrupted broadcast, its repaired recording, and the offer to go live again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recovery } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';
import { formatBytes, formatDate } from './format';

export function RecoveryBanner({ recovery, canResume }: { recovery: Recovery; canResume: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(false));
  };
  return (
    <section className="panel recovery" role="alert" data-testid="recovery">
      <h2>{t('session.recovery.title')}</h2>
      <p>
        {t('session.recovery.body', { title: recovery.title, when: formatDate(recovery.startedAt, i18n.language) })}
      </p>
      {recovery.recordings.length > 0 ? (
        <ul className="files" data-testid="recovery-recordings">
          {recovery.recordings.map((r) => (
            <li key={r.path}>
              <code>{r.path}</code> · {formatBytes(r.sizeBytes)} ·{' '}
              <span className={r.playable ? 'ok' : 'warning'} data-testid="recording-playable">
                {r.playable ? t('session.recovery.playable') : t('session.recovery.notPlayable')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('session.recovery.noRecording')}</p>
      )}
      <p className="hint">{recovery.roomStillLive ? t('session.recovery.roomHeld') : t('session.recovery.roomGone')}</p>
      <div className="actions">
        {recovery.roomStillLive && (
          <button
            className="primary"
            disabled={busy || !canResume}
            onClick={() => act(() => client.call('session.resume', {}))}
            data-testid="resume"
          >
            {t('session.recovery.resume')}
          </button>
        )}
        <button
          disabled={busy}
          onClick={() => act(() => client.call('session.dismissRecovery', {}))}
          data-testid="dismiss-recovery"
        >
          {t('session.recovery.dismiss')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
