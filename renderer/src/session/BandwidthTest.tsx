// The set-up screen's bandwidth test: a few seconds of test data to the ingest (nothing is published), the
// progress as it runs, then the upload measured and the preset that fits it with headroom.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import type { BandwidthResult } from '../../../main/contract/session';
import { useEvent, useStudio } from '../api/StudioProvider';
import { useAccountState } from './useSessionState';

export function BandwidthTest() {
  const { t } = useTranslation();
  const cloud = useAccountState()?.mode === 'cloud';
  const client = useStudio();
  const [url, setUrl] = useState(() => localStorage.getItem('session.pushHost') ?? '');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<EventPayload<'session.bandwidthProgress'> | null>(null);
  const [result, setResult] = useState<BandwidthResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent(
    'session.bandwidthProgress',
    useCallback((p: EventPayload<'session.bandwidthProgress'>) => setProgress(p), []),
  );

  const run = () => {
    setRunning(true);
    setError(null);
    setResult(null);
    setProgress(null);
    if (cloud) localStorage.setItem('session.pushHost', url);
    client
      .call('session.testBandwidth', cloud && url.trim() ? { url: url.trim() } : {})
      .then(setResult, (err: Error) => setError(err.message))
      .finally(() => setRunning(false));
  };

  return (
    <section className="panel bandwidth-test" data-testid="bandwidth-test" aria-label={t('session.bandwidth.title')}>
      <h2>{t('session.bandwidth.title')}</h2>
      <p className="hint">{t('session.bandwidth.explain')}</p>
      {cloud && (
        <label>
          {t('session.bandwidth.pushHost')}
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="rtmp://push.example.com/live"
            data-testid="bandwidth-url"
          />
        </label>
      )}
      <button type="button" onClick={run} disabled={running} data-testid="bandwidth-run">
        {running ? t('session.bandwidth.running') : result ? t('session.bandwidth.again') : t('session.bandwidth.run')}
      </button>
      {running && (
        <div className="bandwidth-progress" data-testid="bandwidth-progress">
          <progress value={progress?.fraction ?? 0} max={1} />{' '}
          <small>
            {progress && progress.kbps > 0
              ? t('session.bandwidth.soFar', { kbps: progress.kbps.toLocaleString() })
              : t('session.bandwidth.connecting')}
          </small>
        </div>
      )}
      {result && (
        <div
          className="bandwidth-result"
          data-testid="bandwidth-result"
          data-measured={result.measuredKbps}
          data-suggested={result.suggestedKbps}
          data-preset={result.presetId ?? ''}
        >
          <p>
            <strong>
              {t(result.capped ? 'session.bandwidth.measuredAtLeast' : 'session.bandwidth.measured', {
                kbps: result.measuredKbps.toLocaleString(),
              })}
            </strong>{' '}
            <small>
              {t('session.bandwidth.detail', { ingest: result.ingest, rtt: result.rttMs, seconds: result.seconds })}
            </small>
          </p>
          <p className="ok-note">
            {result.presetId
              ? t('session.bandwidth.suggest', { preset: result.presetId, kbps: result.suggestedKbps.toLocaleString() })
              : t('session.bandwidth.tooSlow', { kbps: result.suggestedKbps.toLocaleString() })}
          </p>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="bandwidth-error">
          {error}
        </p>
      )}
    </section>
  );
}
