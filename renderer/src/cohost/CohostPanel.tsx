// The co-host panel: viewers asking to join, invitations in flight with their countdown, each guest's
// state and voice level, with mute and remove, and the layout. Everything comes from cohost.state.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohostGuestInfo, CohostState } from '../../../main/contract';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';

const LAYOUTS = ['pip', 'sideBySide', 'grid'] as const;

/** A voice level in dBFS as a 0–100 bar. */
function levelPercent(db: number | null): number {
  if (db === null) return 0;
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function GuestRow({ g, now, run }: { g: CohostGuestInfo; now: number; run: (p: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const client = useStudio();
  const on = g.state === 'live' || g.state === 'arriving' || g.state === 'accepted';
  return (
    <li className={`cohost-guest ${g.state}`} data-testid={`cohost-guest-${g.userId}`} data-state={g.state}>
      <div className="cohost-who">
        <strong>{g.nickname}</strong> <span className="cohost-id">{g.userId}</span>
        <span className="cohost-state">
          {t(`cohost.states.${g.state}`)}
          {g.state === 'ended' && g.endReason ? ` · ${t(`cohost.reasons.${g.endReason}`)}` : ''}
          {g.state === 'invited' && g.expiresAt
            ? ` · ${t('cohost.expires', { seconds: Math.max(0, Math.ceil((g.expiresAt - now) / 1000)) })}`
            : ''}
        </span>
      </div>
      {on && (
        <div className="cohost-level" title={t('cohost.level')} aria-label={t('cohost.level')}>
          <div className="cohost-level-bar" style={{ width: `${levelPercent(g.audioLevel)}%` }} />
          <span>{g.audioLevel === null ? t('cohost.noLevel') : `${g.audioLevel.toFixed(0)} dB`}</span>
        </div>
      )}
      <div className="cohost-actions">
        {g.state === 'invited' && (
          <button type="button" onClick={() => run(client.call('cohost.cancel', { userId: g.userId }))}>
            {t('cohost.cancel')}
          </button>
        )}
        {on && (
          <>
            <button
              type="button"
              onClick={() => run(client.call('cohost.mute', { userId: g.userId, muted: !g.muted }))}
              data-testid={`cohost-mute-${g.userId}`}
            >
              {g.muted ? t('cohost.unmute') : t('cohost.mute')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => run(client.call('cohost.remove', { userId: g.userId }))}
              data-testid={`cohost-remove-${g.userId}`}
            >
              {t('cohost.remove')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

export function CohostPanel() {
  const { t } = useTranslation();
  const client = useStudio();
  const [initial] = useCall('cohost.list', {});
  const [state, setState] = useState<CohostState | null>(null);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEvent(
    'cohost.state',
    useCallback((s: CohostState) => setState(s), []),
  );
  const current = state ?? (initial.status === 'ok' ? initial.value : null);
  const guests = current?.guests ?? [];
  const now = useNow(guests.some((g) => g.state === 'invited'));
  const run = (p: Promise<unknown>) =>
    p.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    );
  const requests = guests.filter((g) => g.state === 'requested');
  const open = guests.filter((g) => g.state !== 'requested' && g.state !== 'ended');
  const ended = guests.filter((g) => g.state === 'ended');
  return (
    <section className="panel cohost-panel" data-testid="cohost-panel">
      <h2>{t('cohost.title')}</h2>
      <p className="hint">{t('cohost.hint', { max: current?.maxGuests ?? 3 })}</p>
      <form
        className="cohost-invite"
        onSubmit={(e) => {
          e.preventDefault();
          const invited = userId.trim();
          if (!invited) return;
          // Clear the field only if it still holds who was invited: the VJ may have typed the next name
          // while the invitation travelled.
          run(
            client
              .call('cohost.invite', { userId: invited })
              .then(() => setUserId((now) => (now.trim() === invited ? '' : now))),
          );
        }}
      >
        <label>
          {t('cohost.inviteLabel')}{' '}
          <input
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            maxLength={64}
            data-testid="cohost-invite-id"
          />
        </label>
        <button type="submit" className="primary" data-testid="cohost-invite">
          {t('cohost.invite')}
        </button>
      </form>
      <label className="cohost-layout">
        {t('cohost.layout')}{' '}
        <select
          value={current?.layout ?? 'pip'}
          onChange={(e) => run(client.call('cohost.setLayout', { layout: e.target.value as (typeof LAYOUTS)[number] }))}
          data-testid="cohost-layout"
        >
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {t(`cohost.layouts.${l}`)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h3>{t('cohost.requests')}</h3>
      {requests.length === 0 ? (
        <p className="muted">{t('cohost.noRequests')}</p>
      ) : (
        <ul className="cohost-list">
          {requests.map((g) => (
            <li key={g.userId} className="cohost-guest requested" data-testid={`cohost-request-${g.userId}`}>
              <div className="cohost-who">
                <strong>{g.nickname}</strong> <span className="cohost-id">{g.userId}</span>
              </div>
              <div className="cohost-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => run(client.call('cohost.acceptRequest', { userId: g.userId }))}
                >
                  {t('cohost.accept')}
                </button>
                <button type="button" onClick={() => run(client.call('cohost.declineRequest', { userId: g.userId }))}>
                  {t('cohost.decline')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('cohost.guests')}</h3>
      {open.length === 0 ? (
        <p className="muted">{t('cohost.noGuests')}</p>
      ) : (
        <ul className="cohost-list">
          {open.map((g) => (
            <GuestRow key={g.userId} g={g} now={now} run={run} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <>
          <h3>{t('cohost.recent')}</h3>
          <ul className="cohost-list ended">
            {ended.map((g) => (
              <GuestRow key={`${g.userId}-${g.since}`} g={g} now={now} run={run} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
