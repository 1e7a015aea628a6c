// The safety log, newest first: every alert with its pixelated thumbnail (16×9 blocks, never a clear frame),
// lifts, overrides, skipped samples and faults. Live alerts join at the top as they happen; moderators see
// the same list in their feed.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SafetyEvent } from '../../../main/contract/safety';
import { useEvent, useStudio } from '../api/StudioProvider';

export function SafetyEventList({
  onlyAlerts = false,
  limit = 50,
  testId = 'safety-events',
}: {
  onlyAlerts?: boolean;
  limit?: number;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const [events, setEvents] = useState<SafetyEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('safety.listEvents', { limit }).then(
      (r) => live && setEvents(r.events),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [client, limit]);
  const onAlert = useCallback(
    (a: { event: SafetyEvent }) => setEvents((list) => [a.event, ...(list ?? []).filter((e) => e.id !== a.event.id)]),
    [],
  );
  useEvent('safety.alert', onAlert);
  if (error) return <p className="error">{t('safety.logFailed', { message: error })}</p>;
  if (!events) return <p className="hint">{t('safety.loading')}</p>;
  const shown = onlyAlerts ? events.filter((e) => e.kind === 'alert') : events;
  if (shown.length === 0)
    return (
      <p className="hint" data-testid={`${testId}-empty`}>
        {t('safety.noEvents')}
      </p>
    );
  return (
    <ul className="safety-events" data-testid={testId}>
      {shown.map((e) => (
        <li key={e.id} className={`safety-event ${e.kind}`} data-kind={e.kind}>
          {e.thumbnail ? (
            <img className="safety-thumb" src={e.thumbnail} alt={t('safety.thumbAlt')} width={64} height={36} />
          ) : (
            <span className="safety-thumb empty" />
          )}
          <span className="safety-when">{new Date(e.at).toLocaleTimeString(i18n.language)}</span>
          <span className="safety-kind">{t(`safety.kinds.${e.kind}`)}</span>
          {e.className && <span className="safety-class">{t(`safety.classes.${e.className}`)}</span>}
          {/* The studio's own message, in English, kept for the log; shown as text. */}
          <span className="safety-message">{e.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The moderators' view: alerts only, as they come. The chat feed can mount this beside the messages. */
export function SafetyModeratorFeed() {
  const { t } = useTranslation();
  return (
    <section className="panel safety-feed" aria-label={t('safety.feedTitle')}>
      <h2>{t('safety.feedTitle')}</h2>
      <SafetyEventList onlyAlerts limit={20} testId="safety-feed" />
    </section>
  );
}
