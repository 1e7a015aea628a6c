// The Chat screen: the live feed with moderation from the line, the user card or one key; the room's
// settings (slow mode, mute all, blocked words, the pin); search and the moderation log. In moderator
// mode (#/moderate/N) it is the whole window: chat and moderation only.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ChatItem } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';
import { StudioCallError } from '../api/client';
import { BlockedWordsPanel, LogPanel, SearchPanel, UserCard } from './ChatPanels';
import { ConnectPanel } from './ConnectPanel';
import type { RowAction } from './FeedRow';
import { keyAction } from './moderationKeys';
import { useChatFeed } from './useChatFeed';
import { VirtualFeed } from './VirtualFeed';

type Side = { kind: 'card'; userId: string } | { kind: 'search' } | { kind: 'log' } | { kind: 'words' } | null;

const SLOW_CHOICES = [0, 3, 10, 30, 60];

/** `embedded`: a panel of the live cockpit, whose tab already names it. */
export function ChatScreen({ moderatorRoom, embedded }: { moderatorRoom?: string; embedded?: boolean }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [paused, setPaused] = useState(false);
  const { feed, status, clearUnseen } = useChatFeed(paused);
  const [selected, setSelected] = useState<ChatItem | null>(null);
  const [side, setSide] = useState<Side>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [refresh, setRefresh] = useState(0);
  const opened = useRef(false);

  const canModerate = status?.role === 'owner' || status?.role === 'moderator';
  const connected = status?.state === 'connected' || status?.state === 'reconnecting';

  useEffect(() => {
    if (!moderatorRoom || opened.current || !status) return;
    opened.current = true;
    if (status.state === 'connected' && status.roomId === moderatorRoom) return;
    client.call('chat.openRoom', { roomId: moderatorRoom }).catch((err: Error) => setError(err.message));
  }, [client, moderatorRoom, status]);

  const moderate = useCallback(
    async (input: CallInput<'chat.moderate'>): Promise<boolean> => {
      try {
        await client.call('chat.moderate', input);
        setError(null);
        setRefresh((r) => r + 1);
        return true;
      } catch (err) {
        setError(err instanceof StudioCallError ? err.message : String(err));
        return false;
      }
    },
    [client],
  );

  const onAction = useCallback(
    (action: RowAction, item: ChatItem) => {
      setSelected(item);
      switch (action) {
        case 'card':
          if (item.userId) setSide({ kind: 'card', userId: item.userId });
          break;
        case 'revoke':
          void moderate({ action: 'revoke', messageId: item.id });
          break;
        case 'mute':
          void moderate({ action: 'mute', userId: item.userId, seconds: 600 });
          break;
        case 'kick':
          void moderate({ action: 'kick', userId: item.userId });
          break;
        case 'ban':
          void moderate({ action: 'ban', userId: item.userId, seconds: 0 });
          break;
        case 'pin':
          void moderate({ action: 'pin', messageId: item.id });
          break;
      }
    },
    [moderate],
  );

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
    const a = keyAction(e.key);
    if (!a) return;
    const items = feed.items;
    if (a.kind === 'move' || a.kind === 'latest') {
      e.preventDefault();
      const at = selected ? items.findIndex((i) => i.id === selected.id) : items.length;
      const next =
        a.kind === 'latest'
          ? items.length - 1
          : Math.min(items.length - 1, Math.max(0, (at < 0 ? items.length : at) + a.by));
      const item = items[next];
      if (item) setSelected(item);
      if (a.kind === 'latest') setPaused(false);
      return;
    }
    if (!selected) return;
    e.preventDefault();
    if (a.kind === 'card') onAction('card', selected);
    else if (!canModerate || !selected.userId) return;
    else if (a.kind === 'mute') void moderate({ action: 'mute', userId: selected.userId, seconds: a.seconds });
    else if (a.kind === 'moderator') void moderate({ action: 'setModerator', userId: selected.userId, on: true });
    else onAction(a.kind, selected);
  };

  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    try {
      await client.call('chat.send', { text });
      setDraft('');
      setError(null);
    } catch (err) {
      setError(err instanceof StudioCallError ? err.message : String(err));
    }
  };

  return (
    <section
      className={`screen chat-screen${moderatorRoom ? ' moderator-mode' : ''}${embedded ? ' embedded' : ''}`}
      onKeyDown={onKey}
      data-testid="chat-screen"
    >
      <header className="chat-head">
        {!embedded && <h1>{moderatorRoom ? t('chat.moderateTitle', { room: moderatorRoom }) : t('nav.chat')}</h1>}
        {status && (
          <span className={`chat-state state-${status.state}`} data-testid="chat-state">
            {t(`chat.state.${status.state}`)}
            {status.roomId ? ` · ${status.roomId}` : ''}
            {status.role ? ` · ${t(`chat.role.${status.role}`)}` : ''}
            {status.online !== null ? ` · ${t('chat.online', { count: status.online })}` : ''}
          </span>
        )}
        <span className="chat-tools">
          <button type="button" onClick={() => setSide(side?.kind === 'search' ? null : { kind: 'search' })}>
            {t('chat.search.title')}
          </button>
          <button type="button" onClick={() => setSide(side?.kind === 'log' ? null : { kind: 'log' })}>
            {t('chat.log.title')}
          </button>
          {canModerate && (
            <button type="button" onClick={() => setSide(side?.kind === 'words' ? null : { kind: 'words' })}>
              {t('chat.words.title')}
            </button>
          )}
          {connected && (
            <button type="button" onClick={() => void client.call('chat.disconnect', {})}>
              {t('chat.leave')}
            </button>
          )}
        </span>
      </header>
      {status?.reason && (
        <p className="warning" role="status">
          {status.reason}
        </p>
      )}
      {status?.retry && (
        <p className="warning" role="status" data-testid="chat-retry">
          {t('chat.retrying', { seconds: status.retry.inSeconds, attempt: status.retry.attempt })}
        </p>
      )}
      {error && (
        <p className="error chat-error" role="alert" data-testid="chat-error">
          {error}
        </p>
      )}
      {!connected && <ConnectPanel onError={setError} />}
      {connected && canModerate && (
        <div className="chat-room-bar">
          <label>
            {t('chat.slowMode')}
            <select
              value={status.slowModeSeconds}
              onChange={(e) => void moderate({ action: 'slowMode', seconds: Number(e.target.value) })}
            >
              {[...new Set([...SLOW_CHOICES, status.slowModeSeconds])].map((s) => (
                <option key={s} value={s}>
                  {s ? t('chat.seconds', { count: s }) : t('chat.off')}
                </option>
              ))}
            </select>
          </label>
          <label className="chat-check">
            <input
              type="checkbox"
              checked={status.muteAll}
              onChange={(e) => void moderate({ action: 'muteAll', on: e.target.checked })}
              data-testid="mute-all"
            />{' '}
            {t('chat.muteAll')}
          </label>
          <span className="hint">{t('chat.keys.help')}</span>
        </div>
      )}
      {status?.pinned && (
        <div className="chat-pinned" data-testid="chat-pinned">
          <span className="feed-badge">{t('chat.pinned')}</span> <strong>{status.pinned.nick}</strong>{' '}
          <span>{status.pinned.text}</span>
          {canModerate && (
            <button type="button" onClick={() => void moderate({ action: 'pin', messageId: null })}>
              {t('chat.unpin')}
            </button>
          )}
        </div>
      )}
      <div className="chat-body">
        <div className="chat-main">
          <VirtualFeed
            feed={feed}
            paused={paused}
            setPaused={setPaused}
            onSeen={clearUnseen}
            selectedId={selected?.id ?? null}
            canModerate={canModerate}
            onSelect={setSelected}
            onAction={onAction}
          />
          <form
            className="chat-compose"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder={t('chat.compose')}
              maxLength={2000}
              disabled={!connected}
              data-testid="chat-compose"
            />
            <button type="submit" disabled={!connected || !draft.trim()}>
              {t('chat.send')}
            </button>
          </form>
        </div>
        {side?.kind === 'card' && (
          <UserCard
            userId={side.userId}
            canModerate={canModerate}
            moderate={moderate}
            onClose={() => setSide(null)}
            refresh={refresh}
          />
        )}
        {side?.kind === 'search' && <SearchPanel onClose={() => setSide(null)} />}
        {side?.kind === 'log' && <LogPanel onClose={() => setSide(null)} refresh={refresh} />}
        {side?.kind === 'words' && <BlockedWordsPanel onClose={() => setSide(null)} onError={setError} />}
      </div>
    </section>
  );
}
