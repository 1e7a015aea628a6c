// The studio's picture: start/stop the pipeline, the live preview, beauty, the outputs' states and stats.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import type { MediaStatus, OutputState, PresetId } from '../../../main/contract/media';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';
import { BeautyPanel } from './BeautyPanel';
import { PreviewView } from './PreviewView';

function OutputLine({ label, s, testId }: { label: string; s: OutputState; testId: string }) {
  const { t } = useTranslation();
  return (
    <div
      className={`media-output ${s.state}`}
      data-testid={testId}
      data-state={s.state}
      data-reason={s.reason ?? undefined}
      title={s.reason ? s.detail : undefined}
    >
      <strong>{label}</strong> {t(`media.states.${s.state}`, { attempt: s.attempt })}
      {s.reason && <span className="media-output-reason"> · {t(`media.reasons.${s.reason}`)}</span>}
    </div>
  );
}

export function MediaPanel({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [initial] = useCall('media.status', {});
  const [status, setStatus] = useState<MediaStatus | null>(null);
  const [stats, setStats] = useState<EventPayload<'media.stats'> | null>(null);
  const [preset, setPreset] = useState<PresetId>('720p30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEvent(
    'media.state',
    useCallback((s: MediaStatus) => setStatus(s), []),
  );
  useEvent(
    'media.stats',
    useCallback((s: EventPayload<'media.stats'>) => setStats(s), []),
  );
  const current = status ?? (initial.status === 'ok' ? initial.value : null);
  const run = (p: Promise<unknown>) => {
    setBusy(true);
    p.then(
      () => setError(null),
      (err: Error) => setError(err.message),
    ).finally(() => setBusy(false));
  };
  if (!current) return <section className="panel">{t('media.starting')}</section>;
  return (
    <section className="panel media-panel" data-testid="media-panel" data-running={current.running} data-live={live}>
      <h2>{t('media.panelTitle')}</h2>
      <div className="media-controls">
        {current.running ? (
          <button
            type="button"
            disabled={busy || live}
            onClick={() => run(client.call('media.stop', {}))}
            data-testid="media-stop"
          >
            {t('media.stop')}
          </button>
        ) : (
          <>
            <label>
              {t('media.preset')}{' '}
              <select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} data-testid="media-preset">
                <option value="720p30">720p30</option>
                <option value="1080p30">1080p30</option>
                <option value="1080p60">1080p60</option>
              </select>
            </label>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => run(client.call('media.start', { preset }))}
              data-testid="media-start"
            >
              {busy ? t('media.starting') : t('media.start')}
            </button>
          </>
        )}
        {current.running && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(client.call(current.recording.state === 'off' ? 'media.startRecording' : 'media.stopRecording', {}))
            }
            data-testid="media-record"
          >
            {current.recording.state === 'off' ? t('media.record') : t('media.stopRecording')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {current.running ? (
        <div className="media-live">
          <PreviewView />
          <div className="media-side">
            <BeautyPanel initial={current.beauty} />
            <OutputLine label={t('media.push')} s={current.push} testId="media-push-state" />
            <OutputLine label={t('media.recording')} s={current.recording} testId="media-record-state" />
            {stats && (
              <p className="hint" data-testid="media-stats">
                {t('media.stats', {
                  fps: stats.fps,
                  kbps: stats.videoKbps,
                  cpu: stats.cpuPercent,
                  dropped: stats.droppedFrames,
                  dup: stats.duplicatedFrames,
                })}
              </p>
            )}
          </div>
        </div>
      ) : (
        <p className="hint">{t('media.stopped')}</p>
      )}
    </section>
  );
}
