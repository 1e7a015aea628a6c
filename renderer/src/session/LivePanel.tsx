// Live: the status bar, the preview, and the controls a VJ reaches for mid-show — with hotkeys
// (Alt+M microphone, Alt+C camera, Alt+R recording, Alt+E end, which asks first).
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';
import { errorWords } from '../api/client';
import { LiveStatusBar } from './LiveStatusBar';
import { useLiveStats } from './useSessionState';

export function LivePanel({ session, mediaPanel }: { session: SessionState; mediaPanel?: ReactNode }) {
  const { t } = useTranslation();
  const client = useStudio();
  const stats = useLiveStats();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ending = session.phase === 'ending';

  const act = useCallback((work: () => Promise<unknown>) => {
    setError(null);
    work().catch((err: unknown) => setError((err as Error).message));
  }, []);
  const toggleMic = useCallback(
    () => act(() => client.call('session.setMic', { muted: !session.micMuted })),
    [act, client, session.micMuted],
  );
  const toggleCamera = useCallback(
    () => act(() => client.call('session.setCamera', { off: !session.cameraOff })),
    [act, client, session.cameraOff],
  );
  const toggleRecording = useCallback(
    () => act(() => client.call(session.recording ? 'session.stopRecording' : 'session.startRecording', {})),
    [act, client, session.recording],
  );
  const end = useCallback(() => {
    setConfirming(false);
    act(() => client.call('session.end', {}));
  }, [act, client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === 'm') toggleMic();
      else if (key === 'c') toggleCamera();
      else if (key === 'r') toggleRecording();
      else if (key === 'e') setConfirming(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleMic, toggleCamera, toggleRecording]);

  return (
    <div className="live" data-testid="live" data-room-id={session.roomId ?? undefined}>
      <LiveStatusBar session={session} stats={stats} />
      {session.problem && (
        <p className="warning" role="alert" data-testid="live-problem">
          {errorWords(session.problem)}
        </p>
      )}
      <div className="live-body">
        {mediaPanel && <div className="live-media">{mediaPanel}</div>}
        <div className="panel live-controls">
          <h2>{session.title}</h2>
          {session.viewerUrl && (
            <p className="hint">
              {t('session.live.shareRoom', { roomId: session.roomId })}{' '}
              <a href={session.viewerUrl} target="_blank" rel="noreferrer">
                {session.viewerUrl}
              </a>
            </p>
          )}
          <button onClick={toggleMic} aria-pressed={session.micMuted} data-testid="toggle-mic" disabled={ending}>
            {session.micMuted ? t('session.live.unmuteMic') : t('session.live.muteMic')} <kbd>Alt+M</kbd>
          </button>
          <button onClick={toggleCamera} aria-pressed={session.cameraOff} data-testid="toggle-camera" disabled={ending}>
            {session.cameraOff ? t('session.live.cameraOn') : t('session.live.cameraOff')} <kbd>Alt+C</kbd>
          </button>
          <button
            onClick={toggleRecording}
            aria-pressed={session.recording}
            data-testid="toggle-recording"
            disabled={ending}
          >
            {session.recording ? t('session.live.stopRecording') : t('session.live.startRecording')} <kbd>Alt+R</kbd>
          </button>
          <p className="hint" data-testid="recording-state">
            {session.recording ? t('session.live.recordingOn') : t('session.live.recordingOff')}
          </p>
          <button className="primary" onClick={() => setConfirming(true)} data-testid="end" disabled={ending}>
            {ending ? t('session.live.ending') : t('session.live.end')} <kbd>Alt+E</kbd>
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
      {confirming && (
        <div className="modal" role="dialog" aria-modal="true" data-testid="end-confirm">
          <div className="panel">
            <p>{t('session.live.endQuestion')}</p>
            <div className="actions">
              <button className="primary" onClick={end} data-testid="end-confirm-yes" autoFocus>
                {t('session.live.endYes')}
              </button>
              <button onClick={() => setConfirming(false)} data-testid="end-confirm-no">
                {t('session.live.keepGoing')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
