// The VJ's safety banner: what was flagged, where, what the studio did, and one click to override (logged).
// Also says so in plain words when the classifier is down, while the broadcast goes on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveFlag } from '../../../main/contract/safety';
import { useStudio } from '../api/StudioProvider';
import { useSafetyState } from './useSafetyState';

function useFlagWhere(): (f: ActiveFlag) => string {
  const { t } = useTranslation();
  return (f) =>
    f.source.kind === 'program'
      ? t('safety.whereProgram')
      : t('safety.whereGuest', { guest: f.source.guestUserId ?? '' });
}

export function SafetyBanner() {
  const { t } = useTranslation();
  const client = useStudio();
  const [state, setState] = useSafetyState();
  const [error, setError] = useState<string | null>(null);
  const flagWhere = useFlagWhere();
  if (!state) return null;
  const flags = state.active.filter((f) => !f.overridden);
  const down = state.classifier.status === 'failed' ? state.classifier.message : null;
  if (flags.length === 0 && !down) return null;
  const override = (sourceId?: string) => {
    setError(null);
    client.call('safety.override', sourceId ? { sourceId } : {}).then(setState, (err: Error) => setError(err.message));
  };
  return (
    <div className="safety-banner" role="alert" data-testid="safety-banner">
      {flags.map((f) => (
        <div
          className="safety-flag"
          key={`${f.sourceId}|${f.className}`}
          data-source={f.sourceId}
          data-class={f.className}
        >
          <strong>{t('safety.bannerTitle')}</strong>{' '}
          <span data-testid="safety-reason">
            {t('safety.reason', {
              where: flagWhere(f),
              cls: t(`safety.classes.${f.className}`),
              score: Math.round(f.score * 100),
            })}{' '}
            {t(`safety.did.${f.action}`)}
          </span>
          <button type="button" className="primary" data-testid="safety-override" onClick={() => override(f.sourceId)}>
            {t('safety.override')}
          </button>
        </div>
      ))}
      {down && (
        <div className="safety-down" data-testid="safety-classifier-down">
          {t('safety.classifierDown', { message: down })}
        </div>
      )}
      {error && <div className="error">{error}</div>}
    </div>
  );
}
