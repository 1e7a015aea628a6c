// One line of the feed. Every name and text is a React text node: nothing a viewer sends is ever HTML.
import type { TFunction } from 'i18next';
import { memo, type MouseEvent } from 'react';
import type { ChatItem } from '../../../main/contract';

export type RowAction = 'revoke' | 'mute' | 'kick' | 'ban' | 'pin' | 'card';

interface Props {
  item: ChatItem;
  revoked: boolean;
  selected: boolean;
  /** The line's moderation buttons: only on the line under the pointer or selected, not on every line. */
  showActions: boolean;
  top: number;
  /** From the list: rows come and go every frame in a busy room, and a hook per row would subscribe each. */
  t: TFunction;
  onSelect: (item: ChatItem) => void;
  onAction: (action: RowAction, item: ChatItem) => void;
  onHover: (id: string | null) => void;
}

function time(at: number): string {
  const d = new Date(at);
  return Number.isFinite(d.getTime()) ? d.toTimeString().slice(0, 5) : '';
}

export const FeedRow = memo(function FeedRow({
  item,
  revoked,
  selected,
  showActions,
  top,
  t,
  onSelect,
  onAction,
  onHover,
}: Props) {
  const gone = revoked || item.revoked;
  const act = (action: RowAction) => (e: MouseEvent) => {
    e.stopPropagation();
    onAction(action, item);
  };
  const fromViewer = item.kind === 'text' || item.kind === 'custom' || item.kind === 'gift';
  let body: string;
  switch (item.kind) {
    case 'join':
      body = item.userId
        ? t('chat.feed.joined')
        : t('chat.feed.moreJoined', { count: Number(item.text.replace('+', '')) || 0 });
      break;
    case 'leave':
      body = t('chat.feed.left');
      break;
    case 'gift':
      body = t('chat.feed.gift', { name: item.gift?.name ?? item.text, count: item.gift?.count ?? 1 });
      break;
    case 'moderation':
      body = item.moderation
        ? t(`chat.action.${item.moderation.action}`) +
          (item.moderation.target ? ` · ${item.moderation.target}` : '') +
          (item.moderation.detail ? ` · ${item.moderation.detail}` : '')
        : item.text;
      break;
    default:
      body = item.text;
  }
  return (
    <div
      className={`feed-row kind-${item.kind}${selected ? ' selected' : ''}${gone ? ' revoked' : ''}${item.blocked ? ' blocked' : ''}`}
      style={{ top }}
      data-id={item.id}
      data-kind={item.kind}
      role="listitem"
      onClick={() => onSelect(item)}
      onMouseEnter={() => onHover(item.id)}
      onMouseLeave={() => onHover(null)}
    >
      <span className="feed-time">{time(item.at)}</span>
      {item.kind === 'moderation' && <span className="feed-badge">{t('chat.feed.moderation')}</span>}
      {item.kind === 'gift' && <span className="feed-badge gift">{t('chat.feed.giftBadge')}</span>}
      {item.role === 'owner' && <span className="feed-badge role">{t('chat.role.owner')}</span>}
      {item.role === 'moderator' && <span className="feed-badge role">{t('chat.role.moderator')}</span>}
      {item.userId && (
        <button type="button" className="feed-name" title={item.userId} onClick={act('card')}>
          {item.nick || item.userId}
        </button>
      )}
      {item.to && <span className="feed-badge">{t('chat.feed.whisper')}</span>}
      <span className="feed-text" title={gone ? undefined : body}>
        {gone ? t('chat.feed.revoked') : body}
      </span>
      {item.blocked && !gone && <span className="feed-badge blocked">{t('chat.feed.blocked')}</span>}
      {showActions && fromViewer && !gone && (
        <span className="feed-actions">
          <button type="button" title={t('chat.keys.revoke')} onClick={act('revoke')}>
            {t('chat.action.revoke')}
          </button>
          <button type="button" title={t('chat.keys.mute')} onClick={act('mute')}>
            {t('chat.mute.m10')}
          </button>
          <button type="button" title={t('chat.keys.kick')} onClick={act('kick')}>
            {t('chat.action.kick')}
          </button>
          <button type="button" title={t('chat.keys.ban')} onClick={act('ban')}>
            {t('chat.action.ban')}
          </button>
          <button type="button" title={t('chat.keys.pin')} onClick={act('pin')}>
            {t('chat.action.pin')}
          </button>
        </span>
      )}
    </div>
  );
});
