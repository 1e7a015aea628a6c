// The live cockpit's alert queue: the alert on the program now, the next ones and how many wait, with pause (a
// clean picture: the one showing leaves, the rest wait), skip (the one showing leaves now) and a test alert of
// each type. Everything shown comes from the studio's own queue (onstream.alerts, and its event on each change).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertsState, AlertType } from '../../../main/contract/onstream';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';

/** The contract's alert types (the renderer takes only types from main; the type checker holds it to the list). */
const alertTypes = ['gift', 'likes', 'viewers', 'cohost'] as const satisfies readonly AlertType[];
const everyTypeListed: Exclude<AlertType, (typeof alertTypes)[number]> extends never ? true : false = true;
void everyTypeListed;

function AlertLine({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="alert-swatch" style={{ background: alert.color }} aria-hidden="true" />
      <span className="alert-type">{t(`cockpit.alerts.types.${alert.type}`)}</span> {alert.text}
    </>
  );
}

export function AlertQueuePanel() {
  const { t } = useTranslation();
  const client = useStudio();
  const [initial] = useCall('onstream.alerts', {});
  const [latest, setLatest] = useState<AlertsState | null>(null);
  const [testType, setTestType] = useState<AlertType>('gift');
  const [error, setError] = useState<string | null>(null);
  useEvent(
    'onstream.alerts',
    useCallback((s: AlertsState) => setLatest(s), []),
  );
  const state = latest ?? (initial.status === 'ok' ? initial.value : null);
  const run = (p: Promise<unknown>) =>
    p.then(
      (v) => {
        setError(null);
        if (v && typeof v === 'object' && 'upNext' in v) setLatest(v as AlertsState);
      },
      (e: Error) => setError(e.message),
    );
  if (!state)
    return <p className="hint">{initial.status === 'error' ? initial.error.message : t('cockpit.alerts.loading')}</p>;
  return (
    <section className="alert-queue" aria-label={t('cockpit.panels.alerts')} data-testid="alert-queue">
      <p data-testid="alert-showing" aria-live="polite">
        <strong>{t('cockpit.alerts.showing')}</strong>{' '}
        {state.showing ? (
          <AlertLine alert={state.showing} />
        ) : (
          <span className="hint">{state.paused ? t('cockpit.alerts.pausedNone') : t('cockpit.alerts.none')}</span>
        )}
      </p>
      <p>
        <strong>{t('cockpit.alerts.upNext')}</strong>{' '}
        <span data-testid="alert-counts">
          {t('cockpit.alerts.counts', { queued: state.queued, played: state.played, dropped: state.dropped })}
        </span>
      </p>
      {state.upNext.length > 0 && (
        <ol className="alert-up-next" data-testid="alert-up-next">
          {state.upNext.map((a) => (
            <li key={a.id}>
              <AlertLine alert={a} />
            </li>
          ))}
        </ol>
      )}
      <div className="alert-actions">
        <button
          type="button"
          aria-pressed={state.paused}
          data-testid="alert-pause"
          onClick={() => void run(client.call('onstream.setPaused', { paused: !state.paused }))}
        >
          {state.paused ? t('cockpit.alerts.resume') : t('cockpit.alerts.pause')}
        </button>
        <button
          type="button"
          data-testid="alert-skip"
          disabled={!state.showing}
          onClick={() => void run(client.call('onstream.skipAlert', {}))}
        >
          {t('cockpit.alerts.skip')}
        </button>
        <label>
          {t('cockpit.alerts.testType')}{' '}
          <select
            value={testType}
            data-testid="alert-test-type"
            onChange={(e) => setTestType(e.target.value as AlertType)}
          >
            {alertTypes.map((type) => (
              <option key={type} value={type}>
                {t(`cockpit.alerts.types.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="alert-test"
          onClick={() => void run(client.call('onstream.testAlert', { type: testType }))}
        >
          {t('cockpit.alerts.test')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
