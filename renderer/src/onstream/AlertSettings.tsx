// Settings → Alerts on stream: per alert type on or off, seconds on screen, position, words, sound and its
// volume, a test button; the milestones' steps and the gap; a pause for a clean picture. Kept per scene profile.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertSettings as Settings, AlertsState, AlertStyle, AlertType } from '../../../main/contract/onstream';
import type { ScenesState } from '../../../main/contract/scenes';
import { useEvent, useStudio } from '../api/StudioProvider';
import { CheckRow, NumberRow, numberIn } from '../settings/SettingRows';
import { alertPositions, alertTypes } from './alertChoices';

function AlertTypeRow(props: {
  type: AlertType;
  style: AlertStyle;
  change: (patch: Partial<AlertStyle>) => void;
  test: () => void;
}) {
  const { t } = useTranslation();
  const { type, style, change } = props;
  const [sound, setSound] = useState(style.sound ?? '');
  useEffect(() => setSound(style.sound ?? ''), [style.sound]);
  return (
    <tr data-testid={`alert-${type}`}>
      <th scope="row">{t(`onstream.types.${type}`)}</th>
      <td>
        <input
          type="checkbox"
          aria-label={t('onstream.enabled')}
          data-testid={`alert-${type}-enabled`}
          checked={style.enabled}
          onChange={(e) => change({ enabled: e.target.checked })}
        />
      </td>
      <td>
        <input
          type="number"
          aria-label={t('onstream.duration')}
          data-testid={`alert-${type}-duration`}
          min={0.5}
          max={15}
          step={0.5}
          value={style.durationMs / 1000}
          onChange={(e) => {
            const s = numberIn(e.target.value, 0.5, 15);
            if (s !== null) change({ durationMs: Math.round(s * 1000) });
          }}
        />
      </td>
      <td>
        <select
          aria-label={t('onstream.position')}
          data-testid={`alert-${type}-position`}
          value={style.position}
          onChange={(e) => change({ position: e.target.value as AlertStyle['position'] })}
        >
          {alertPositions.map((p) => (
            <option key={p} value={p}>
              {t(`onstream.positions.${p}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label={t('onstream.template')}
          value={style.template}
          maxLength={200}
          onChange={(e) => e.target.value && change({ template: e.target.value })}
        />
      </td>
      <td>
        <CheckRow
          label={t('onstream.sound')}
          testId={`alert-${type}-sound`}
          checked={style.soundOn}
          set={(soundOn) => change({ soundOn })}
        />{' '}
        <input
          aria-label={t('onstream.soundFile')}
          placeholder={t('onstream.soundFile')}
          value={sound}
          onChange={(e) => setSound(e.target.value)}
          onBlur={() => sound !== (style.sound ?? '') && change({ sound: sound || undefined })}
        />
      </td>
      <td>
        <input
          type="range"
          aria-label={t('onstream.volume')}
          data-testid={`alert-${type}-volume`}
          min={0}
          max={100}
          value={style.volume}
          onChange={(e) => change({ volume: Number(e.target.value) })}
        />{' '}
        {style.volume}%
      </td>
      <td>
        <button type="button" data-testid={`alert-${type}-test`} onClick={props.test}>
          {t('onstream.test')}
        </button>
      </td>
    </tr>
  );
}

export function AlertSettings() {
  const { t } = useTranslation();
  const client = useStudio();
  const [state, setState] = useState<AlertsState | null>(null);
  const [profile, setProfile] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('onstream.alerts', {}).then(
      (s) => live && setState(s),
      (err: Error) => live && setError(err.message),
    );
    client.call('scenes.state', {}).then(
      (s) => live && setProfile(s.profile.name),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client]);
  useEvent(
    'onstream.alerts',
    useCallback((s: AlertsState) => setState(s), []),
  );
  useEvent(
    'scenes.changed',
    useCallback((s: ScenesState) => setProfile(s.profile.name), []),
  );
  const run = (work: Promise<unknown>) => {
    setError(null);
    work.then(
      () => {},
      (err: Error) => setError(err.message),
    );
  };
  const save = (patch: Partial<Settings>) => {
    setState((s) => (s ? { ...s, settings: { ...s.settings, ...patch } } : s));
    run(client.call('onstream.setAlertSettings', patch).then(setState));
  };
  /** A milestone's step: a whole number, at least one. */
  const saveWhole = (key: 'likeStep' | 'viewerStep', typed: string) => {
    const n = numberIn(typed, 1);
    if (n !== null) save({ [key]: Math.round(n) });
  };
  if (!state) return <section className="panel">{error ?? '…'}</section>;
  const s = state.settings;
  const changeStyle = (type: AlertType, patch: Partial<AlertStyle>) => {
    const style: AlertStyle = { ...s.styles[type], ...patch };
    if (!style.sound) delete style.sound;
    save({ styles: { ...s.styles, [type]: style } });
  };
  return (
    <section className="panel onstream-settings" data-testid="alert-settings" aria-label={t('onstream.alertsTitle')}>
      <h2>{t('onstream.alertsTitle')}</h2>
      <p className="hint">{t('onstream.alertsIntro')}</p>
      {profile && <p className="hint">{t('onstream.profile', { name: profile })}</p>}
      <p>
        <button
          type="button"
          data-testid="alerts-pause"
          onClick={() => run(client.call('onstream.setPaused', { paused: !state.paused }).then(setState))}
        >
          {state.paused ? t('onstream.resume') : t('onstream.pause')}
        </button>{' '}
        <span className="hint" data-testid="alerts-queue">
          {state.paused
            ? t('onstream.paused')
            : t('onstream.queue', {
                showing: state.showing?.text ?? t('onstream.nothing'),
                queued: state.queued,
                played: state.played,
              })}
        </span>
      </p>
      <table className="onstream-table">
        <thead>
          <tr>
            <th />
            <th>{t('onstream.enabled')}</th>
            <th>{t('onstream.duration')}</th>
            <th>{t('onstream.position')}</th>
            <th>{t('onstream.template')}</th>
            <th>{t('onstream.sound')}</th>
            <th>{t('onstream.volume')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {alertTypes.map((type) => (
            <AlertTypeRow
              key={type}
              type={type}
              style={s.styles[type]}
              change={(patch) => changeStyle(type, patch)}
              test={() => run(client.call('onstream.testAlert', { type }))}
            />
          ))}
        </tbody>
      </table>
      <div className="onstream-steps">
        <NumberRow label={t('onstream.likeStep')} min={1} value={s.likeStep} onText={(v) => saveWhole('likeStep', v)} />
        <NumberRow
          label={t('onstream.viewerStep')}
          min={1}
          value={s.viewerStep}
          onText={(v) => saveWhole('viewerStep', v)}
        />
        <NumberRow
          label={t('onstream.gap')}
          min={0}
          max={5}
          step={0.25}
          value={s.gapMs / 1000}
          onText={(v) => {
            const gap = numberIn(v, 0, 5);
            if (gap !== null) save({ gapMs: Math.round(gap * 1000) });
          }}
        />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
