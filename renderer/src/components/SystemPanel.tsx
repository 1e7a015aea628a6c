// The System panel: version, ffmpeg and database, each read through the studio API.
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/StudioProvider';

export function SystemPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const [info] = useCall('system.info', {});
  if (info.status === 'loading') return <section className="panel system-panel">{t('system.loading')}</section>;
  if (info.status === 'error')
    return (
      <section className="panel system-panel error" role="alert">
        {t('system.failed', { message: info.error.message })}
      </section>
    );
  const s = info.value;
  const rows: [string, string, string][] = [
    ['version', t('system.version'), s.appVersion],
    ['runtime', t('system.runtime'), `${s.runtime} · ${s.platform}/${s.arch}`],
    ['ffmpeg', t('system.ffmpeg'), s.ffmpeg.found ? s.ffmpeg.version : t('system.ffmpegMissing')],
    ['schema', t('system.schemaVersion'), String(s.database.schemaVersion)],
  ];
  if (!compact) {
    rows.push([
      'ffmpeg-path',
      t('system.ffmpegPath'),
      s.ffmpeg.found ? `${s.ffmpeg.path} (${s.ffmpeg.source})` : s.ffmpeg.message,
    ]);
    rows.push(['database', t('system.database'), s.database.path]);
    rows.push(['data-dir', t('system.dataDir'), s.dataDir]);
  }
  return (
    <section
      className={`panel system-panel${compact ? ' compact' : ''}`}
      aria-label={t('system.title')}
      data-testid="system-panel"
    >
      <h2>{t('system.title')}</h2>
      <dl>
        {rows.map(([id, label, value]) => (
          <div key={id} className="row" data-field={id}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {!s.ffmpeg.found && (
        <p className="warning" role="alert">
          {s.ffmpeg.message}
        </p>
      )}
    </section>
  );
}
