// The live status bar: timer, viewers, bitrate, fps, dropped frames, CPU, connection — and the warning
// that comes before dropped frames are visible.
import { useTranslation } from 'react-i18next';
import type { LiveStats, SessionState } from '../../../main/contract';
import { formatDuration } from './format';

export function LiveStatusBar({ session, stats }: { session: SessionState; stats: LiveStats | null }) {
  const { t } = useTranslation();
  const connection = stats?.connection ?? session.connection;
  const elapsed = stats?.elapsedSec ?? (session.startedAt ? (Date.now() - session.startedAt) / 1000 : 0);
  const cells: [string, string, string][] = [
    ['timer', t('session.live.timer'), formatDuration(elapsed)],
    ['viewers', t('session.live.viewers'), String(stats?.viewers ?? 0)],
    ['likes', t('session.live.likes'), String(stats?.likes ?? 0)],
    [
      'gifts',
      t('session.live.gifts'),
      t('session.live.giftsValue', { n: stats?.gifts ?? 0, value: stats?.giftValue ?? 0 }),
    ],
    ['messages', t('session.live.messages'), String(stats?.messages ?? 0)],
    ['bitrate', t('session.live.bitrate'), t('session.live.kbps', { value: Math.round(stats?.bitrateKbps ?? 0) })],
    ['fps', t('session.live.fps'), (stats?.fps ?? 0).toFixed(1)],
    ['dropped', t('session.live.dropped'), String(stats?.droppedFrames ?? 0)],
    [
      'cpu',
      t('session.live.cpu'),
      stats?.cpuPercent === null || stats?.cpuPercent === undefined ? '—' : `${Math.round(stats.cpuPercent)}%`,
    ],
  ];
  const connectionText =
    connection.state === 'reconnecting'
      ? t('session.live.reconnecting', { attempt: connection.attempt })
      : t(`session.live.connection.${connection.state}`);
  return (
    <div className="live-bar" data-testid="live-bar" role="status">
      <span className="on-air">{t('session.live.onAir')}</span>
      {cells.map(([id, label, value]) => (
        <span key={id} className="cell" data-stat={id}>
          <small>{label}</small>
          <b>{value}</b>
        </span>
      ))}
      <span className={`cell connection-${connection.state}`} data-stat="connection">
        <small>{t('session.live.connectionLabel')}</small>
        <b>{connectionText}</b>
      </span>
      {stats?.latestGift && (
        <span className="cell" data-stat="latestGift">
          <small>{t('session.live.latestGift')}</small>
          <b>{stats.latestGift}</b>
        </span>
      )}
      {stats?.dropWarning && (
        <span className="drop-warning" role="alert" data-testid="drop-warning">
          {t('session.live.dropWarning')}
        </span>
      )}
    </div>
  );
}
