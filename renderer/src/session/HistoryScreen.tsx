// History: every past broadcast with its figures, sortable by any column, exported as CSV; a row opens
// the broadcast's end page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadcastSummary } from '../../../main/contract';
import { useCall, useStudio } from '../api/StudioProvider';
import { BroadcastReportView } from './BroadcastReportView';
import { formatBytes, formatDate, formatDuration } from './format';

type SortKey =
  'startedAt' | 'title' | 'durationSec' | 'peakViewers' | 'uniqueViewers' | 'likes' | 'giftValue' | 'messages';

const columns: { key: SortKey | null; label: string; cell: (b: BroadcastSummary, lang: string) => string }[] = [
  { key: 'startedAt', label: 'session.history.started', cell: (b, lang) => formatDate(b.startedAt, lang) },
  { key: 'title', label: 'session.history.titleColumn', cell: (b) => b.title },
  { key: null, label: 'session.history.statusColumn', cell: () => '' },
  { key: 'durationSec', label: 'session.end.duration', cell: (b) => formatDuration(b.durationSec) },
  { key: 'peakViewers', label: 'session.end.peakViewers', cell: (b) => String(b.peakViewers) },
  { key: 'uniqueViewers', label: 'session.end.uniqueViewers', cell: (b) => String(b.uniqueViewers) },
  { key: 'likes', label: 'session.end.likes', cell: (b) => String(b.likes) },
  { key: 'giftValue', label: 'session.end.giftValue', cell: (b) => String(b.giftValue) },
  { key: 'messages', label: 'session.end.messages', cell: (b) => String(b.messages) },
  {
    key: null,
    label: 'session.history.recording',
    cell: (b) => (b.recordingBytes ? formatBytes(b.recordingBytes) : '—'),
  },
];

export function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const [sort, setSort] = useState<SortKey>('startedAt');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [open, setOpen] = useState<string | null>(null);
  const [list] = useCall('history.list', { sort, direction }, [sort, direction]);
  const [report] = useCall('history.get', { id: open ?? '' }, [open]);
  const [error, setError] = useState<string | null>(null);

  const sortBy = (key: SortKey) => {
    if (key === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDirection(key === 'title' ? 'asc' : 'desc');
    }
  };

  const exportCsv = async () => {
    setError(null);
    try {
      const { filename, csv } = await client.call('history.exportCsv', {});
      const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="screen history-screen" data-testid="history">
      <h1>{t('session.history.title')}</h1>
      <div className="actions">
        <button onClick={() => void exportCsv()} data-testid="export-csv">
          {t('session.history.exportCsv')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {list.status === 'loading' && <p className="hint">{t('session.loading')}</p>}
      {list.status === 'error' && <p className="error">{list.error.message}</p>}
      {list.status === 'ok' && list.value.broadcasts.length === 0 && (
        <p className="hint">{t('session.history.empty')}</p>
      )}
      {list.status === 'ok' && list.value.broadcasts.length > 0 && (
        <table className="history-table" data-testid="history-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.label}
                  aria-sort={c.key === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.key ? (
                    <button className="link" onClick={() => sortBy(c.key as SortKey)} data-sort={c.key}>
                      {t(c.label)} {c.key === sort ? (direction === 'asc' ? '▲' : '▼') : ''}
                    </button>
                  ) : (
                    t(c.label)
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.value.broadcasts.map((b) => (
              <tr
                key={b.id}
                data-broadcast={b.id}
                className={open === b.id ? 'selected' : ''}
                onClick={() => setOpen(open === b.id ? null : b.id)}
              >
                {columns.map((c) => (
                  <td key={c.label}>
                    {c.label === 'session.history.statusColumn' ? (
                      <span className={`status-${b.status}`}>{t(`session.history.status.${b.status}`)}</span>
                    ) : (
                      c.cell(b, i18n.language)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && report.status === 'ok' && (
        <section className="history-report">
          <h2>{report.value.broadcast.title}</h2>
          <BroadcastReportView report={report.value} />
        </section>
      )}
    </div>
  );
}
