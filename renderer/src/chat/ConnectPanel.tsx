// Opening a room's chat: "moderate room N" with the signed-in account, or a platform address and token.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../api/StudioProvider';
import { StudioCallError } from '../api/client';

export function ConnectPanel({ onError }: { onError: (message: string) => void }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [room, setRoom] = useState('');
  const [busy, setBusy] = useState(false);
  const [manual, setManual] = useState({ platformUrl: '', token: '', userId: '', roomId: '' });
  const [liveRoom, setLiveRoom] = useState<string | null>(null);
  // While the VJ is live, their own room is one click away.
  useEffect(() => {
    let live = true;
    client.call('session.state', {}).then(
      (s) => live && setLiveRoom(s.phase === 'live' ? s.roomId : null),
      () => {},
    );
    const off = client.on('session.state', (s) => setLiveRoom(s.phase === 'live' ? s.roomId : null));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      onError(err instanceof StudioCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const openRoom = (e: FormEvent) => {
    e.preventDefault();
    if (room.trim()) void run(() => client.call('chat.openRoom', { roomId: room.trim() }));
  };
  const connect = (e: FormEvent) => {
    e.preventDefault();
    void run(() => client.call('chat.connect', { mode: 'platform', ...manual }));
  };

  return (
    <div className="panel chat-connect" data-testid="chat-connect">
      <h2>{t('chat.connect.title')}</h2>
      {liveRoom && (
        <p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run(() => client.call('chat.openRoom', { roomId: liveRoom }))}
            data-testid="chat-open-live"
          >
            {t('chat.connect.openLive', { room: liveRoom })}
          </button>
        </p>
      )}
      <form onSubmit={openRoom} className="chat-form-row">
        <label>
          {t('chat.connect.roomLabel')}
          <input
            value={room}
            onChange={(e) => setRoom(e.target.value)}
            placeholder={t('chat.connect.roomPlaceholder')}
            data-testid="chat-room-input"
            maxLength={200}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !room.trim()}>
          {busy ? t('chat.connect.connecting') : t('chat.connect.moderate')}
        </button>
      </form>
      <p className="hint">{t('chat.connect.hint')}</p>
      <details>
        <summary>{t('chat.connect.advanced')}</summary>
        <form onSubmit={connect} className="chat-form-grid">
          {(['platformUrl', 'token', 'userId', 'roomId'] as const).map((k) => (
            <label key={k}>
              {t(`chat.connect.${k}`)}
              <input
                value={manual[k]}
                onChange={(e) => setManual({ ...manual, [k]: e.target.value })}
                data-field={k}
                maxLength={4096}
              />
            </label>
          ))}
          <button type="submit" disabled={busy}>
            {t('chat.connect.connect')}
          </button>
        </form>
      </details>
    </div>
  );
}
