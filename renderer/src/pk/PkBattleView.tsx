// The battle part of the PK panel: start a battle on a link (3, 5, 10 minutes or custom), answer a proposal,
// the score of both sides with a bar and the countdown while it runs, then the result and top gifters.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PkStudioState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';

const PRESETS = [180, 300, 600] as const;

export function clock(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function PkBattleView(p: { state: PkStudioState; now: number; run: (x: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [length, setLength] = useState<number | 'custom'>(300);
  const [custom, setCustom] = useState('120');
  const { battle, links, roomId } = p.state;
  if (links.length === 0 && !battle) return null;
  const mineIsA = battle?.a.roomId === roomId;
  const mine = battle ? (mineIsA ? battle.a : battle.b) : null;
  const theirs = battle ? (mineIsA ? battle.b : battle.a) : null;
  const total = (mine?.score ?? 0) + (theirs?.score ?? 0);
  const share = total === 0 ? 50 : Math.round(((mine?.score ?? 0) / total) * 100);
  const outcome =
    battle?.winner === 'draw' ? 'draw' : battle?.winner ? ((battle.winner === 'a') === mineIsA ? 'win' : 'lose') : null;
  const seconds = length === 'custom' ? Number(custom) : length;

  return (
    <div className="pk-battle" data-testid="pk-battle" data-status={battle?.status ?? 'none'}>
      <h3>{t('pk.battle')}</h3>
      {!battle && links[0] && (
        <div className="pk-start">
          <label>
            {t('pk.length')}{' '}
            <select
              value={String(length)}
              onChange={(e) => setLength(e.target.value === 'custom' ? 'custom' : Number(e.target.value))}
              data-testid="pk-length"
            >
              {PRESETS.map((s) => (
                <option key={s} value={s}>
                  {t('pk.minutes', { n: s / 60 })}
                </option>
              ))}
              <option value="custom">{t('pk.custom')}</option>
            </select>
          </label>
          {length === 'custom' && (
            <input
              type="number"
              min={30}
              max={3600}
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              data-testid="pk-custom-seconds"
            />
          )}
          <button
            type="button"
            onClick={() => p.run(client.call('pk.startBattle', { linkId: links[0]!.linkId, durationSec: seconds }))}
            data-testid="pk-start"
          >
            {t('pk.start')}
          </button>
        </div>
      )}
      {battle?.status === 'proposed' && mine && theirs && (
        <p>
          {battle.b.roomId === roomId ? (
            <>
              {t('pk.proposed', { name: battle.a.nickname, minutes: Math.round(battle.durationSec / 6) / 10 })}{' '}
              <button
                type="button"
                onClick={() => p.run(client.call('pk.answerBattle', { battleId: battle.battleId, answer: 'accept' }))}
                data-testid="pk-battle-accept"
              >
                {t('pk.accept')}
              </button>
              <button
                type="button"
                onClick={() => p.run(client.call('pk.answerBattle', { battleId: battle.battleId, answer: 'decline' }))}
              >
                {t('pk.decline')}
              </button>
            </>
          ) : (
            t('pk.proposedByYou', { name: theirs.nickname })
          )}
        </p>
      )}
      {battle && battle.status !== 'proposed' && mine && theirs && (
        <>
          <div className="pk-score" data-testid="pk-score" data-mine={mine.score} data-theirs={theirs.score}>
            <span>
              {t('pk.you')} {mine.score}
            </span>
            <div className="pk-bar" aria-label={t('pk.score')}>
              <div className="pk-bar-mine" style={{ width: `${share}%` }} />
            </div>
            <span>
              {theirs.score} {theirs.nickname}
            </span>
          </div>
          {battle.status === 'running' && (
            <p data-testid="pk-clock">
              {t('pk.running', { clock: clock((battle.endsAt ?? p.now) - p.now) })}{' '}
              <button
                type="button"
                className="danger"
                onClick={() => p.run(client.call('pk.answerBattle', { battleId: battle.battleId, answer: 'end' }))}
                data-testid="pk-end"
              >
                {t('pk.end')}
              </button>
            </p>
          )}
          {outcome && (
            <p className={`pk-result ${outcome}`} data-testid="pk-result" data-outcome={outcome}>
              {t(`pk.result.${outcome}`)}
            </p>
          )}
          {outcome && (
            <p className="hint">
              {t('pk.topGifters')}: {mine.topGifters.map((g) => `${g.nickname} ${g.value}`).join(', ') || '—'}
            </p>
          )}
        </>
      )}
    </div>
  );
}
