// The end page of one broadcast (also opened from History): the figures, top gifters, charts of viewers
// and bitrate over time, the PK battles the room fought, and the recording files with their sizes.
import { useTranslation } from 'react-i18next';
import type { BroadcastReport } from '../../../main/contract';
import { formatBytes, formatDate, formatDuration, formatNumber } from './format';
import { TimeChart } from './TimeChart';
import { PkBattlesSection } from '../pk/PkBattlesSection';

export function BroadcastReportView({ report }: { report: BroadcastReport }) {
  const { t, i18n } = useTranslation();
  const b = report.broadcast;
  const n = (v: number) => formatNumber(v, i18n.language);
  const figures: [string, string, string][] = [
    ['duration', t('session.end.duration'), formatDuration(b.durationSec)],
    ['peakViewers', t('session.end.peakViewers'), n(b.peakViewers)],
    ['uniqueViewers', t('session.end.uniqueViewers'), n(b.uniqueViewers)],
    ['likes', t('session.end.likes'), n(b.likes)],
    ['gifts', t('session.end.gifts'), n(b.gifts)],
    ['giftValue', t('session.end.giftValue'), n(b.giftValue)],
    ['messages', t('session.end.messages'), n(b.messages)],
  ];
  return (
    <div className="report" data-testid="report" data-broadcast={b.id}>
      <p className="hint">
        {formatDate(b.startedAt, i18n.language)} · {t('session.end.room', { roomId: b.roomId })} ·{' '}
        <span data-testid="report-status">{t(`session.history.status.${b.status}`)}</span>
      </p>
      <div className="figures">
        {figures.map(([id, label, value]) => (
          <div key={id} className="figure" data-figure={id}>
            <small>{label}</small>
            <b>{value}</b>
          </div>
        ))}
      </div>
      <section className="panel">
        <h2>{t('session.end.topGifters')}</h2>
        {report.topGifters.length === 0 ? (
          <p className="hint">{t('session.end.noGifts')}</p>
        ) : (
          <ol data-testid="top-gifters">
            {report.topGifters.map((g) => (
              <li key={g.userId}>
                {g.nickname} · {t('session.end.gifterLine', { gifts: g.gifts, value: g.value })}
              </li>
            ))}
          </ol>
        )}
      </section>
      <PkBattlesSection roomId={b.roomId} />
      <div className="charts">
        <section className="panel">
          <h2>{t('session.end.viewersChart')}</h2>
          <TimeChart
            t={report.samples.t}
            values={report.samples.viewers}
            label={t('session.end.viewersSeries')}
            color="#3ecf8e"
            testId="chart-viewers"
          />
        </section>
        <section className="panel">
          <h2>{t('session.end.bitrateChart')}</h2>
          <TimeChart
            t={report.samples.t}
            values={report.samples.bitrateKbps}
            label={t('session.end.bitrateSeries')}
            color="#ff3b5c"
            testId="chart-bitrate"
          />
        </section>
      </div>
      <section className="panel">
        <h2>{t('session.end.recordings')}</h2>
        {report.recordings.length === 0 ? (
          <p className="hint">{t('session.end.noRecordings')}</p>
        ) : (
          <ul className="files" data-testid="report-recordings">
            {report.recordings.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code> · <span data-testid="recording-size">{formatBytes(r.sizeBytes)}</span>
                {!r.exists && <span className="warning"> · {t('session.end.fileMissing')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
