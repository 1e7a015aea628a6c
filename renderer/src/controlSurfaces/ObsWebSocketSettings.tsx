// Settings → Control surfaces: the obs-websocket server on or off, LAN or this computer only, its port, and
// the address and password a VJ pastes into a Stream Deck, Touch Portal or a bot.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsWebSocketState } from '../../../main/contract';
import { errorWords } from '../api/client';
import { useEvent, useStudio } from '../api/StudioProvider';

function CopyButton({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <button type="button" data-testid={testId} onClick={() => void copy()}>
      {copied ? t('controlSurfaces.copied') : t('controlSurfaces.copy')}
    </button>
  );
}

export function ObsWebSocketSettings() {
  const { t } = useTranslation();
  const client = useStudio();
  const [state, setState] = useState<ObsWebSocketState | null>(null);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('obsWebSocket.state', {}).then(
      (s) => {
        if (!live) return;
        setState(s);
        setPort(String(s.port));
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [client]);
  useEvent(
    'obsWebSocket.state',
    useCallback((s: ObsWebSocketState) => setState(s), []),
  );
  const run = (work: Promise<ObsWebSocketState>) => {
    setError(null);
    work.then(
      (s) => {
        setState(s);
        setPort(String(s.port));
      },
      (err: Error) => {
        setError(err.message);
        client.call('obsWebSocket.state', {}).then(setState, () => {});
      },
    );
  };
  // The box shows the VJ's choice at once; the studio's answer (or its refusal) settles it.
  const configure = (patch: { enabled?: boolean; lan?: boolean; port?: number }) => {
    setState((s) => (s ? { ...s, ...patch } : s));
    run(client.call('obsWebSocket.configure', patch));
  };
  if (!state) return <section className="panel">{error ?? '…'}</section>;
  const portNumber = Number(port);
  return (
    <section
      className="panel obs-websocket-settings"
      aria-label={t('controlSurfaces.title')}
      data-testid="obs-websocket"
    >
      <h2>{t('controlSurfaces.title')}</h2>
      <p className="hint">{t('controlSurfaces.intro')}</p>
      <label className="row">
        <input
          type="checkbox"
          data-testid="obs-enabled"
          checked={state.enabled}
          onChange={(e) => configure({ enabled: e.target.checked })}
        />{' '}
        {t('controlSurfaces.enabled')}
      </label>
      <label className="row">
        <input
          type="checkbox"
          data-testid="obs-lan"
          checked={state.lan}
          onChange={(e) => configure({ lan: e.target.checked })}
        />{' '}
        {t('controlSurfaces.lan')}
      </label>
      {state.lan && <p className="hint warning">{t('controlSurfaces.lanWarning')}</p>}
      <label className="row">
        {t('controlSurfaces.port')}{' '}
        <input
          type="number"
          data-testid="obs-port"
          min={1024}
          max={65535}
          value={port}
          onChange={(e) => setPort(e.target.value)}
        />{' '}
        <button
          type="button"
          disabled={!Number.isInteger(portNumber) || portNumber === state.port}
          onClick={() => configure({ port: portNumber })}
        >
          {t('controlSurfaces.apply')}
        </button>
        {state.listeningPort !== null && state.listeningPort !== state.port && (
          <span className="hint"> {t('controlSurfaces.listeningOn', { port: state.listeningPort })}</span>
        )}
      </label>
      {state.enabled && state.addresses.length > 0 ? (
        <dl className="obs-connection" data-testid="obs-connection">
          <dt>{t('controlSurfaces.address')}</dt>
          {state.addresses.map((a) => (
            <dd key={a}>
              <code data-testid="obs-address">{a}</code> <CopyButton text={a} testId="obs-copy-address" />
            </dd>
          ))}
          <dt>{t('controlSurfaces.password')}</dt>
          <dd>
            <code data-testid="obs-password">{state.password}</code>{' '}
            <CopyButton text={state.password} testId="obs-copy-password" />{' '}
            <button
              type="button"
              data-testid="obs-new-password"
              title={t('controlSurfaces.newPasswordHint')}
              onClick={() => run(client.call('obsWebSocket.newPassword', {}))}
            >
              {t('controlSurfaces.newPassword')}
            </button>
          </dd>
          <dt data-testid="obs-clients">{t('controlSurfaces.clients', { count: state.clients })}</dt>
        </dl>
      ) : (
        !state.enabled && <p className="hint">{t('controlSurfaces.off')}</p>
      )}
      {state.problem && (
        <p className="hint warning" role="status" data-testid="obs-problem">
          {errorWords(state.problem)}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
