// The feed as a windowed list: fixed-height rows, only the visible ones (plus a margin) in the DOM.
// Follows the newest line unless the reader scrolled up; then it keeps their place and counts new lines.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../main/contract';
import type { FeedState } from './feedBuffer';
import { FeedRow, type RowAction } from './FeedRow';

export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/** A page that measures the feed (the chat benchmark) installs this to learn when lines are on screen. */
type Probe = (items: readonly ChatItem[]) => void;
declare global {
  interface Window {
    __chatFeedProbe?: Probe;
  }
}

interface Props {
  feed: FeedState;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  onSeen: () => void;
  selectedId: string | null;
  canModerate: boolean;
  onSelect: (item: ChatItem) => void;
  onAction: (action: RowAction, item: ChatItem) => void;
}

export function VirtualFeed({ feed, paused, setPaused, onSeen, selectedId, canModerate, onSelect, onAction }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const total = feed.items.length * ROW_HEIGHT;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Before paint: follow the newest line, or keep the reader's lines in place when old ones drop off.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (!paused) el.scrollTop = el.scrollHeight;
    else if (feed.dropped) el.scrollTop = Math.max(0, el.scrollTop - feed.dropped * ROW_HEIGHT);
    setView((v) => (v.top === el.scrollTop ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [feed, paused]);

  useEffect(() => {
    const probe = window.__chatFeedProbe;
    if (!probe || !feed.added) return;
    const fresh = feed.items.slice(-feed.added);
    requestAnimationFrame(() => probe(fresh));
  }, [feed]);

  const onScroll = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    setView({ top: el.scrollTop, height: el.clientHeight });
    if (atBottom && paused) {
      setPaused(false);
      onSeen();
    } else if (!atBottom && !paused) setPaused(true);
  }, [paused, setPaused, onSeen]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(feed.items.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const rows = feed.items.slice(first, last);

  return (
    <div className="feed-wrap">
      <div className="feed" ref={box} onScroll={onScroll} role="list" aria-label={t('chat.feed.label')} data-testid="chat-feed" tabIndex={0}>
        <div className="feed-spacer" style={{ height: total }}>
          {rows.map((item, i) => (
            <FeedRow
              key={`${item.roomId}:${item.id}`}
              item={item}
              top={(first + i) * ROW_HEIGHT}
              revoked={feed.revoked.has(item.id)}
              selected={item.id === selectedId}
              canModerate={canModerate}
              onSelect={onSelect}
              onAction={onAction}
            />
          ))}
        </div>
      </div>
      {paused && (
        <button
          type="button"
          className="feed-new"
          data-testid="feed-new"
          onClick={() => {
            setPaused(false);
            onSeen();
          }}
        >
          {feed.unseen ? t('chat.feed.newMessages', { count: feed.unseen }) : t('chat.feed.backToLatest')}
        </button>
      )}
    </div>
  );
}
