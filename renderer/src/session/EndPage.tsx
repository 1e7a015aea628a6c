// The end-of-broadcast page: how the show went, right after it ends.
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../main/contract';
import { useCall, useStudio } from '../api/StudioProvider';
import { errorWords } from '../api/client';
import { BroadcastReportView } from './BroadcastReportView';

export function EndPage({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [report] = useCall('history.get', { id: session.broadcastId ?? '' }, [session.broadcastId]);
  return (
    <div className="end-page" data-testid="end-page">
      <h2 className="end-title">{t('session.end.title', { title: session.title })}</h2>
      {session.problem && (
        <p className="warning" role="alert">
          {errorWords(session.problem)}
        </p>
      )}
      {report.status === 'loading' && <p className="hint">{t('session.end.loading')}</p>}
      {report.status === 'error' && <p className="error">{report.error.message}</p>}
      {report.status === 'ok' && <BroadcastReportView report={report.value} />}
      <div className="actions">
        <button
          className="primary"
          onClick={() => void client.call('session.acknowledge', {})}
          data-testid="back-to-setup"
        >
          {t('session.end.backToSetup')}
        </button>
        <a href="#/history">{t('session.end.toHistory')}</a>
      </div>
    </div>
  );
}
