// The end page's and History's PK section: every battle the room fought, as the platform's ledger has it —
// both VJs, the scores, the result for this room, why it ended, and the top gifters of each side.
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/StudioProvider';

export function PkBattlesSection({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const [answer] = useCall('pk.battles', { roomId }, [roomId]);
  if (answer.status !== 'ok' || answer.value.battles.length === 0) return null;
  return (
    <section className="panel pk-battles" data-testid="pk-battles">
      <h2>{t('pk.history.title')}</h2>
      <ol>
        {answer.value.battles.map((b) => {
          const mineIsA = b.a.roomId === roomId;
          const [mine, theirs] = mineIsA ? [b.a, b.b] : [b.b, b.a];
          const outcome =
            b.winner === null ? null : b.winner === 'draw' ? 'draw' : (b.winner === 'a') === mineIsA ? 'win' : 'lose';
          return (
            <li
              key={b.battleId}
              data-testid={`pk-battle-${b.battleId}`}
              data-mine={mine.score}
              data-theirs={theirs.score}
              data-outcome={outcome ?? 'running'}
            >
              <p>
                <strong>{t('pk.history.against', { name: theirs.nickname })}</strong> · {mine.score} : {theirs.score} ·{' '}
                {outcome ? t(`pk.result.${outcome}`) : t('pk.history.running')}
                {b.endReason ? ` · ${t(`pk.history.reasons.${b.endReason}`)}` : ''}
              </p>
              <p className="hint">
                {t('pk.history.yourGifters')}:{' '}
                {mine.topGifters.map((g) => `${g.nickname} ${g.value}`).join(', ') || '—'}
              </p>
              <p className="hint">
                {t('pk.history.theirGifters', { name: theirs.nickname })}:{' '}
                {theirs.topGifters.map((g) => `${g.nickname} ${g.value}`).join(', ') || '—'}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
