// The safety section of Settings: the policy (per class a threshold and an action, N to act, M to lift, the
// sampling interval) and the log.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SafetyAction, SafetyClass, SafetyPolicy } from '../../../main/contract/safety';
import { useStudio } from '../api/StudioProvider';
import { CheckRow, NumberRow } from '../settings/SettingRows';
import { SafetyEventList } from './SafetyEventList';
import { useSafetyState } from './useSafetyState';

// The renderer takes only types from main: the lists are repeated here, checked against the contract's types.
const safetyClasses: readonly SafetyClass[] = ['porn', 'hentai', 'sexy'];
const safetyActions: readonly SafetyAction[] = ['notify', 'blur', 'slate', 'removeGuest'];
/** The policy's counts of samples: their field's label, largest value, and what an emptied field stands for. */
const safetyCounts = [
  { key: 'consecutiveToAct', label: 'safety.consecutive', max: 20, fallback: 2 },
  { key: 'cleanToLift', label: 'safety.clean', max: 50, fallback: 3 },
] as const;

export function SafetySettings() {
  const { t } = useTranslation();
  const client = useStudio();
  const [policy, setPolicy] = useState<SafetyPolicy | null>(null);
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [state] = useSafetyState();
  useEffect(() => {
    client.call('safety.getPolicy', {}).then(setPolicy, (err: Error) => setError(err.message));
  }, [client]);
  if (!policy) return <section className="panel">{error ?? t('safety.loading')}</section>;
  const edit = (p: Partial<SafetyPolicy>) => {
    setSaved('idle');
    setPolicy({ ...policy, ...p });
  };
  const save = () => {
    setSaved('saving');
    setError(null);
    client.call('safety.setPolicy', policy).then(
      (p) => {
        setPolicy(p);
        setSaved('saved');
      },
      (err: Error) => {
        setSaved('idle');
        setError(err.message);
      },
    );
  };
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v !== '' ? Number(v) : fallback);
  return (
    <section className="panel safety-settings" aria-label={t('safety.title')} data-testid="safety-settings">
      <h2>{t('safety.title')}</h2>
      <p className="hint">{t('safety.intro')}</p>
      <p data-testid="safety-classifier-status">
        {t('safety.classifier')}: {state ? t(`safety.status.${state.classifier.status}`) : t('safety.loading')}
        {state?.classifier.message ? ` — ${state.classifier.message}` : ''}
      </p>
      <CheckRow
        className="row"
        label={t('safety.enabled')}
        checked={policy.enabled}
        set={(enabled) => edit({ enabled })}
      />
      <CheckRow
        className="row"
        label={t('safety.sampleGuests')}
        checked={policy.sampleGuests}
        set={(sampleGuests) => edit({ sampleGuests })}
      />
      <div className="safety-numbers">
        <NumberRow
          label={t('safety.interval')}
          min={0.5}
          max={60}
          step={0.5}
          value={policy.intervalMs / 1000}
          onText={(v) => edit({ intervalMs: Math.round(num(v, 2) * 1000) })}
        />
        {safetyCounts.map((c) => (
          <NumberRow
            key={c.key}
            label={t(c.label)}
            min={1}
            max={c.max}
            value={policy[c.key]}
            onText={(v) => edit({ [c.key]: num(v, c.fallback) })}
          />
        ))}
      </div>
      <table className="safety-rules">
        <thead>
          <tr>
            <th>{t('safety.class')}</th>
            <th>{t('safety.threshold')}</th>
            <th>{t('safety.action')}</th>
          </tr>
        </thead>
        <tbody>
          {safetyClasses.map((c) => (
            <tr key={c} data-class={c}>
              <td>{t(`safety.classes.${c}`)}</td>
              <td>
                <input
                  type="number"
                  min={5}
                  max={100}
                  value={Math.round(policy.rules[c].threshold * 100)}
                  onChange={(e) =>
                    edit({
                      rules: { ...policy.rules, [c]: { ...policy.rules[c], threshold: num(e.target.value, 70) / 100 } },
                    })
                  }
                />{' '}
                %
              </td>
              <td>
                <select
                  value={policy.rules[c].action}
                  onChange={(e) =>
                    edit({
                      rules: { ...policy.rules, [c]: { ...policy.rules[c], action: e.target.value as SafetyAction } },
                    })
                  }
                >
                  {safetyActions.map((a) => (
                    <option key={a} value={a}>
                      {t(`safety.actions.${a}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={save} disabled={saved === 'saving'} data-testid="safety-save">
        {saved === 'saving' ? t('safety.saving') : saved === 'saved' ? t('safety.saved') : t('safety.save')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h2>{t('safety.logTitle')}</h2>
      <SafetyEventList />
    </section>
  );
}
