// Set-up before going live: the preview and beauty (from the media engine), the title, recording, and
// the microphone check and the bandwidth test, the Go live button that shows each step of the seed's order while it
// runs.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';
import { errorWords } from '../api/client';
import { BandwidthTest } from './BandwidthTest';
import { MicMeter } from './MicMeter';

export function SetUpPanel({ session, mediaPanel }: { session: SessionState; mediaPanel: ReactNode }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [title, setTitle] = useState(() => localStorage.getItem('session.title') ?? '');
  const [record, setRecord] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const starting = session.phase === 'starting';

  const goLive = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    localStorage.setItem('session.title', title);
    client
      .call('session.goLive', { title: title || t('session.setup.defaultTitle'), record })
      .catch((err: unknown) => setError((err as Error).message));
  };

  return (
    <div className="setup" data-testid="setup">
      <div className="setup-media">{mediaPanel}</div>
      <form className="panel go-live" onSubmit={goLive}>
        <h2>{t('session.setup.title')}</h2>
        <label>
          {t('session.setup.broadcastTitle')}
          <input
            data-testid="broadcast-title"
            value={title}
            maxLength={80}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('session.setup.defaultTitle')}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={record}
            onChange={(e) => setRecord(e.target.checked)}
            data-testid="record-on-live"
          />{' '}
          {t('session.setup.recordToo')}
        </label>
        <button className="primary big" type="submit" disabled={starting} data-testid="go-live">
          {starting ? t('session.setup.starting') : t('session.setup.goLive')}
        </button>
        {starting && (
          <ol className="steps" data-testid="go-live-steps">
            {(['room', 'pipeline', 'confirm'] as const).map((step) => {
              const order = ['room', 'pipeline', 'confirm'];
              const done = session.step !== null && order.indexOf(step) < order.indexOf(session.step);
              return (
                <li key={step} className={session.step === step ? 'current' : done ? 'done' : ''}>
                  {t(`session.setup.step.${step}`)}
                </li>
              );
            })}
          </ol>
        )}
        {(error ?? session.problem) && (
          <p className="error" role="alert" data-testid="go-live-error">
            {error ?? (session.problem && errorWords(session.problem))}
          </p>
        )}
      </form>
      <div className="setup-checks">
        <MicMeter micMuted={session.micMuted} />
        <BandwidthTest />
      </div>
    </div>
  );
}
