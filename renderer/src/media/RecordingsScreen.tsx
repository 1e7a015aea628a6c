// The recordings library: every file with its picture, date, length and size; reveal, export with progress, delete.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const hms = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(sec).padStart(2, '0')}`;
};

export function RecordingsScreen() {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const [list, reload] = useCall('recordings.list', {});
  const [jobs, setJobs] = useState<Record<string, EventPayload<'recordings.progress'>>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEvent(
    'recordings.progress',
    useCallback(
      (p: EventPayload<'recordings.progress'>) => {
        setJobs((j) => ({ ...j, [p.name]: p }));
        if (p.done) {
          setMessage(
            p.error
              ? t('media.recordings.exportFailed', { message: p.error })
              : t('media.recordings.exported', { path: p.output ?? '' }),
          );
          reload();
        }
      },
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [t],
    ),
  );
  const act = (p: Promise<unknown>, after?: (v: unknown) => void) =>
    p.then(
      (v) => after?.(v),
      (err: Error) => setMessage(err.message),
    );
  return (
    <div className="screen recordings-screen" data-testid="recordings">
      <h1>{t('media.recordings.title')}</h1>
      {list.status === 'loading' && <p className="hint">{t('media.recordings.loading')}</p>}
      {list.status === 'error' && (
        <p className="error" role="alert">
          {list.error.message}
        </p>
      )}
      {list.status === 'ok' && (
        <>
          <p className="hint">
            {t('media.recordings.folder', { folder: list.value.folder })}{' '}
            <button type="button" onClick={reload}>
              {t('media.recordings.refresh')}
            </button>
          </p>
          {message && (
            <p className="notice" role="status" data-testid="recordings-message">
              {message}
            </p>
          )}
          {list.value.recordings.length === 0 ? (
            <p className="hint">{t('media.recordings.empty')}</p>
          ) : (
            <table className="recordings-table">
              <thead>
                <tr>
                  <th />
                  <th>{t('media.recordings.name')}</th>
                  <th>{t('media.recordings.date')}</th>
                  <th>{t('media.recordings.duration')}</th>
                  <th>{t('media.recordings.size')}</th>
                  <th>{t('media.recordings.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.value.recordings.map((r) => {
                  const job = jobs[r.name];
                  return (
                    <tr key={r.name} data-testid="recording-row">
                      <td>
                        {r.thumbnail ? (
                          <img className="recording-thumb" src={r.thumbnail} alt="" />
                        ) : (
                          <span className="hint">{t('media.recordings.noThumbnail')}</span>
                        )}
                      </td>
                      <td>
                        {r.name}
                        {r.repaired && <span className="badge">{t('media.recordings.repaired')}</span>}
                      </td>
                      <td>{new Date(r.createdAt).toLocaleString(i18n.language)}</td>
                      <td>{r.durationSec === null ? t('media.recordings.unknown') : hms(r.durationSec)}</td>
                      <td>{mb(r.sizeBytes)}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          onClick={() =>
                            act(client.call('recordings.reveal', { name: r.name }), (v) =>
                              setMessage(t('media.recordings.path', { path: (v as { path: string }).path })),
                            )
                          }
                        >
                          {t('media.recordings.reveal')}
                        </button>
                        <button
                          type="button"
                          disabled={job !== undefined && !job.done}
                          onClick={() => act(client.call('recordings.export', { name: r.name }))}
                          data-testid="recording-export"
                        >
                          {t('media.recordings.export')}
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            window.confirm(t('media.recordings.confirmDelete', { name: r.name })) &&
                            act(client.call('recordings.delete', { name: r.name }), reload)
                          }
                        >
                          {t('media.recordings.delete')}
                        </button>
                        {job && !job.done && <progress max={1} value={job.fraction} data-testid="recording-progress" />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
