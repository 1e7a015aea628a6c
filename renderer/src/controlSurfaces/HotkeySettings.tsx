// Settings → Global hotkeys: one shortcut per action (scenes 1–9, microphone, camera, recording, end),
// checked by the studio (a modifier, no two actions on one shortcut) and registered by the desktop shell.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotkeyAction, HotkeysState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';

// The renderer takes only types from main: the list is repeated here, checked against the contract's type.
const actions: readonly HotkeyAction[] = [
  'scene1',
  'scene2',
  'scene3',
  'scene4',
  'scene5',
  'scene6',
  'scene7',
  'scene8',
  'scene9',
  'toggleMic',
  'toggleCamera',
  'toggleRecording',
  'endBroadcast',
];

export function HotkeySettings() {
  const { t } = useTranslation();
  const client = useStudio();
  const [state, setState] = useState<HotkeysState | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const take = (s: HotkeysState) => {
    setState(s);
    setDraft(Object.fromEntries(actions.map((a) => [a, s.bindings[a] ?? ''])));
  };
  useEffect(() => {
    client.call('hotkeys.state', {}).then(take, (err: Error) => setError(err.message));
  }, [client]);
  if (!state) return <section className="panel">{error ?? '…'}</section>;
  const save = () => {
    setError(null);
    const bindings = Object.fromEntries(actions.map((a) => [a, draft[a]?.trim() || null]));
    client.call('hotkeys.set', { bindings }).then(
      (s) => {
        take(s);
        setStatus('saved');
      },
      (err: Error) => setError(err.message),
    );
  };
  return (
    <section className="panel hotkey-settings" aria-label={t('controlSurfaces.hotkeysTitle')} data-testid="hotkeys">
      <h2>{t('controlSurfaces.hotkeysTitle')}</h2>
      <p className="hint">{state.global ? t('controlSurfaces.hotkeysIntro') : t('controlSurfaces.hotkeysHeadless')}</p>
      <table>
        <tbody>
          {actions.map((a) => (
            <tr key={a}>
              <td>{t(`controlSurfaces.actions.${a}`)}</td>
              <td>
                <input
                  data-testid={`hotkey-${a}`}
                  value={draft[a] ?? ''}
                  placeholder="CommandOrControl+Alt+1"
                  onChange={(e) => {
                    setStatus('idle');
                    setDraft({ ...draft, [a]: e.target.value });
                  }}
                />
                {state.unavailable.includes(a) && <span className="hint warning"> {t('controlSurfaces.taken')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="hotkeys-save" onClick={save}>
        {t('controlSurfaces.saveHotkeys')}
      </button>{' '}
      {status === 'saved' && <span role="status">{t('controlSurfaces.saved')}</span>}
      {error && (
        <p className="error" role="alert" data-testid="hotkeys-error">
          {error}
        </p>
      )}
    </section>
  );
}
