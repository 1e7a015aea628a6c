// The PK panel (连线 PK): the other live VJs with an invite button, invitations both ways with their countdown,
// the links (whether the partner's picture is in the program, the layout, end link), and the battle: start one
// (3, 5, 10 minutes or custom), accept or decline a proposal, the live score and countdown, the result.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PkLiveVj, PkStudioState } from '../../../main/contract';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';
import { PkBattleView } from './PkBattleView';

const LAYOUTS = ['sideBySide', 'pip', 'grid'] as const;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function PkPanel() {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const [initial] = useCall('pk.state', {});
  const [state, setState] = useState<PkStudioState | null>(null);
  const [vjs, setVjs] = useState<PkLiveVj[]>([]);
  const [error, setError] = useState<string | null>(null);
  const now = useNow();
  useEvent(
    'pk.state',
    useCallback((s: PkStudioState) => setState(s), []),
  );
  const current = state ?? (initial.status === 'ok' ? initial.value : null);
  const live = !!current?.roomId;
  const run = (p: Promise<unknown>) =>
    p.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    );
  const refresh = useCallback(() => {
    client.call('pk.liveVjs', {}).then(
      (r) => setVjs(r.vjs),
      () => setVjs([]),
    );
  }, [client]);
  useEffect(() => {
    if (live) refresh();
  }, [live, refresh]);
  const secondsLeft = (at: number) => Math.max(0, Math.ceil((at - now) / 1000));
  const linkedRooms = new Set((current?.links ?? []).map((l) => l.partner.roomId));
  const notice = current?.notice && now - current.notice.at < 30_000 ? current.notice : null;

  return (
    <section className="panel pk-panel" data-testid="pk-panel">
      <h2>{t('pk.title')}</h2>
      <p className="hint">{t('pk.hint')}</p>
      {notice && (
        <p className="pk-notice" role="status" data-testid="pk-notice">
          {i18n.language.startsWith('zh') ? notice.zh : notice.en}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!live && <p className="hint">{t('pk.notLive')}</p>}
      {live && current && (
        <>
          <h3>
            {t('pk.liveVjs')}{' '}
            <button type="button" onClick={refresh}>
              {t('pk.refresh')}
            </button>
          </h3>
          {vjs.length === 0 && <p className="hint">{t('pk.noVjs')}</p>}
          <ul className="pk-vjs">
            {vjs.map((v) => (
              <li key={v.roomId} data-testid={`pk-vj-${v.userId}`}>
                <strong>{v.nickname}</strong> <span className="pk-title">{v.title}</span>{' '}
                <button
                  type="button"
                  disabled={linkedRooms.has(v.roomId)}
                  onClick={() => run(client.call('pk.invite', { roomId: v.roomId }))}
                  data-testid={`pk-invite-${v.userId}`}
                >
                  {t('pk.invite')}
                </button>
              </li>
            ))}
          </ul>
          {current.invitesIn.length > 0 && <h3>{t('pk.invitesIn')}</h3>}
          <ul className="pk-invites">
            {current.invitesIn.map((i) => (
              <li key={i.inviteId} data-testid={`pk-invite-in-${i.from.userId}`}>
                {t('pk.from', { name: i.from.nickname })} · {t('pk.expires', { seconds: secondsLeft(i.expiresAt) })}{' '}
                <button
                  type="button"
                  onClick={() => run(client.call('pk.answerInvite', { inviteId: i.inviteId, answer: 'accept' }))}
                  data-testid={`pk-accept-${i.from.userId}`}
                >
                  {t('pk.accept')}
                </button>
                <button
                  type="button"
                  onClick={() => run(client.call('pk.answerInvite', { inviteId: i.inviteId, answer: 'decline' }))}
                >
                  {t('pk.decline')}
                </button>
              </li>
            ))}
            {current.invitesOut.map((i) => (
              <li key={i.inviteId} data-testid={`pk-invite-out-${i.to.userId}`}>
                {t('pk.to', { name: i.to.nickname })} · {t('pk.expires', { seconds: secondsLeft(i.expiresAt) })}{' '}
                <button
                  type="button"
                  onClick={() => run(client.call('pk.answerInvite', { inviteId: i.inviteId, answer: 'cancel' }))}
                >
                  {t('pk.cancel')}
                </button>
              </li>
            ))}
          </ul>
          <h3>{t('pk.links')}</h3>
          {current.links.length === 0 && <p className="hint">{t('pk.noLinks')}</p>}
          <ul className="pk-links">
            {current.links.map((l) => (
              <li key={l.linkId} data-testid={`pk-link-${l.partner.userId}`} data-shown={l.shown}>
                <strong>{l.partner.nickname}</strong> · {l.shown ? t('pk.shown') : t('pk.waiting')}{' '}
                <button
                  type="button"
                  className="danger"
                  onClick={() => run(client.call('pk.unlink', { linkId: l.linkId }))}
                  data-testid={`pk-unlink-${l.partner.userId}`}
                >
                  {t('pk.unlink')}
                </button>
              </li>
            ))}
          </ul>
          {current.links.length > 0 && (
            <label>
              {t('pk.layout')}{' '}
              <select
                onChange={(e) =>
                  run(client.call('cohost.setLayout', { layout: e.target.value as (typeof LAYOUTS)[number] }))
                }
                data-testid="pk-layout"
              >
                {LAYOUTS.map((l) => (
                  <option key={l} value={l}>
                    {t(`pk.layouts.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <PkBattleView state={current} now={now} run={run} />
        </>
      )}
    </section>
  );
}
