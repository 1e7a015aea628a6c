// The side panels of the chat screen: the user card, search, the moderation log and blocked words.
// Everything a viewer wrote is shown as text nodes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ChatItem, ModerationEntry } from '../../../main/contract';
import { useCall, useStudio } from '../api/StudioProvider';
import { MUTE_CHOICES } from './moderationKeys';

type Moderate = (input: CallInput<'chat.moderate'>) => Promise<boolean>;

const when = (at: number) => new Date(at).toLocaleString();

function LogList({ entries }: { entries: ModerationEntry[] }) {
  const { t } = useTranslation();
  if (!entries.length) return <p className="hint">{t('chat.log.empty')}</p>;
  return (
    <ul className="chat-log" data-testid="moderation-log">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="feed-time">{when(e.at)}</span> <strong>{e.actor}</strong> {t(`chat.action.${e.action}`)}
          {e.targetUser ? ` · ${e.targetUser}` : ''}
          {e.detail ? ` · ${e.detail}` : ''}
        </li>
      ))}
    </ul>
  );
}

function Lines({ items }: { items: ChatItem[] }) {
  const { t } = useTranslation();
  if (!items.length) return <p className="hint">{t('chat.search.none')}</p>;
  return (
    <ul className="chat-lines">
      {items.map((m) => (
        <li key={`${m.roomId}:${m.id}`} className={m.revoked ? 'revoked' : ''}>
          <span className="feed-time">{when(m.at)}</span> <strong>{m.nick || m.userId}</strong>{' '}
          <span>
            {m.revoked ? `${t('chat.feed.revoked')} — ` : ''}
            {m.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function UserCard({
  userId,
  canModerate,
  moderate,
  onClose,
  refresh,
}: {
  userId: string;
  canModerate: boolean;
  moderate: Moderate;
  onClose: () => void;
  refresh: number;
}) {
  const { t } = useTranslation();
  const [card, reload] = useCall('chat.userCard', { userId }, [userId, refresh]);
  const [custom, setCustom] = useState('5');
  const act = async (input: CallInput<'chat.moderate'>) => {
    if (await moderate(input)) reload();
  };
  return (
    <aside className="panel chat-side" data-testid="user-card">
      <div className="chat-side-head">
        <h2>{t('chat.card.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('chat.close')}>
          ×
        </button>
      </div>
      {card.status === 'loading' && <p className="hint">{t('system.loading')}</p>}
      {card.status === 'error' && <p className="error">{card.error.message}</p>}
      {card.status === 'ok' && (
        <>
          <p className="chat-card-name">
            <strong>{card.value.nick}</strong> <span className="hint">{card.value.userId}</span>
            {card.value.muted && <span className="feed-badge blocked">{t('chat.card.muted')}</span>}
            {card.value.moderator && <span className="feed-badge role">{t('chat.role.moderator')}</span>}
          </p>
          {canModerate && (
            <div className="chat-card-actions">
              {MUTE_CHOICES.map((c) => (
                <button
                  key={c.key}
                  type="button"
                  onClick={() => void act({ action: 'mute', userId, seconds: c.seconds })}
                >
                  {t(`chat.mute.${c.key}`)}
                </button>
              ))}
              <span className="chat-custom-mute">
                <input
                  type="number"
                  min={1}
                  max={43200}
                  value={custom}
                  onChange={(e) => setCustom(e.target.value)}
                  aria-label={t('chat.mute.minutes')}
                />
                <button
                  type="button"
                  onClick={() =>
                    void act({ action: 'mute', userId, seconds: Math.max(1, Math.round(Number(custom) * 60) || 60) })
                  }
                >
                  {t('chat.mute.custom')}
                </button>
              </span>
              <button type="button" onClick={() => void act({ action: 'unmute', userId })}>
                {t('chat.action.unmute')}
              </button>
              <button type="button" onClick={() => void act({ action: 'kick', userId })}>
                {t('chat.action.kick')}
              </button>
              <button type="button" onClick={() => void act({ action: 'ban', userId, seconds: 0 })}>
                {t('chat.action.ban')}
              </button>
              <button type="button" onClick={() => void act({ action: 'unban', userId })}>
                {t('chat.action.unban')}
              </button>
              <button
                type="button"
                onClick={() => void act({ action: 'setModerator', userId, on: !card.value.moderator })}
              >
                {card.value.moderator ? t('chat.card.removeModerator') : t('chat.card.makeModerator')}
              </button>
            </div>
          )}
          <h3>{t('chat.card.messages')}</h3>
          <Lines items={card.value.messages} />
          <h3>{t('chat.card.history')}</h3>
          <LogList entries={card.value.moderation} />
        </>
      )}
    </aside>
  );
}

export function SearchPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ChatItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <aside className="panel chat-side" data-testid="chat-search">
      <div className="chat-side-head">
        <h2>{t('chat.search.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('chat.close')}>
          ×
        </button>
      </div>
      <form
        className="chat-form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!query.trim()) return;
          client.call('chat.search', { query: query.trim(), limit: 200 }).then(
            (r) => (setFound(r.items), setError(null)),
            (err: Error) => setError(err.message),
          );
        }}
      >
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('chat.search.placeholder')}
          maxLength={200}
        />
        <button type="submit">{t('chat.search.go')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      {found && <Lines items={found} />}
    </aside>
  );
}

export function LogPanel({ onClose, refresh }: { onClose: () => void; refresh: number }) {
  const { t } = useTranslation();
  const [log] = useCall('chat.moderationLog', { limit: 300 }, [refresh]);
  return (
    <aside className="panel chat-side">
      <div className="chat-side-head">
        <h2>{t('chat.log.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('chat.close')}>
          ×
        </button>
      </div>
      {log.status === 'ok' && <LogList entries={log.value.entries} />}
      {log.status === 'error' && <p className="error">{log.error.message}</p>}
    </aside>
  );
}

export function BlockedWordsPanel({ onClose, onError }: { onClose: () => void; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [state] = useCall('chat.blockedWords', {});
  const [text, setText] = useState<string | null>(null);
  const [builtIn, setBuiltIn] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const words = text ?? (state.status === 'ok' ? state.value.words.join('\n') : '');
  const on = builtIn ?? (state.status === 'ok' ? state.value.builtIn : true);
  return (
    <aside className="panel chat-side" data-testid="blocked-words">
      <div className="chat-side-head">
        <h2>{t('chat.words.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('chat.close')}>
          ×
        </button>
      </div>
      <p className="hint">{t('chat.words.hint')}</p>
      <textarea rows={10} value={words} onChange={(e) => (setText(e.target.value), setSaved(false))} />
      <label className="chat-check">
        <input type="checkbox" checked={on} onChange={(e) => (setBuiltIn(e.target.checked), setSaved(false))} />{' '}
        {t('chat.words.builtIn')}
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => {
          const list = words
            .split('\n')
            .map((w) => w.trim())
            .filter(Boolean);
          client.call('chat.setBlockedWords', { words: list, builtIn: on }).then(
            () => setSaved(true),
            (err: Error) => onError(err.message),
          );
        }}
      >
        {t('chat.words.save')}
      </button>
      {saved && <span className="hint"> {t('chat.words.saved')}</span>}
    </aside>
  );
}
