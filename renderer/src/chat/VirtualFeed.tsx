// The feed as a windowed list: fixed-height rows, only the visible ones (plus a margin) in the DOM.
// Follows the newest line unless the reader scrolled up; then it keeps their place and counts new lines.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../main/contract';
import type { FeedState } from './feedBuffer';
import { FeedRow, type RowAction } from './FeedRow';

export const ROW_HEIGHT = 30;
/** Rows kept beyond the visible ones: more while the reader scrolls by hand, few while it follows. */
const OVERSCAN_READING = 8;
const OVERSCAN_FOLLOWING = 2;

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
  // Following the newest line, the window is the bottom of the list, computed from the row count: no
  // scroll position is read back from the DOM after a commit and no second render follows the scroll.
  const top = paused ? view.top : Math.max(0, total - view.height);
  const written = useRef(-1);
  // Rows come and go every frame in a busy room: the five moderation buttons are built for the line under
  // the pointer and the selected one only, not for every line on screen.
  const [hovered, setHovered] = useState<string | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Before paint: scroll to the computed bottom (a write only, and only when it moved), or keep the
  // reader's lines in place when old ones drop off the front.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (!paused) {
      if (written.current !== top) el.scrollTop = top;
      written.current = top;
    } else if (feed.dropped) {
      const next = Math.max(0, view.top - feed.dropped * ROW_HEIGHT);
      el.scrollTop = next;
      written.current = -1;
      setView((v) => ({ ...v, top: next }));
    }
    // view.top is read only when lines dropped; the effect follows the feed, not the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feed, paused, top]);

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
    if (atBottom && !paused) return; // our own scroll to the bottom: the window is already there
    written.current = -1;
    setView({ top: el.scrollTop, height: el.clientHeight });
    if (atBottom && paused) {
      setPaused(false);
      onSeen();
    } else if (!atBottom && !paused) setPaused(true);
  }, [paused, setPaused, onSeen]);

  const overscan = paused ? OVERSCAN_READING : OVERSCAN_FOLLOWING;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - overscan);
  const last = Math.min(feed.items.length, Math.ceil((top + view.height) / ROW_HEIGHT) + overscan);
  const rows = feed.items.slice(first, last);

  return (
    <div className="feed-wrap">
      <div
        className="feed"
        ref={box}
        onScroll={onScroll}
        role="list"
        aria-label={t('chat.feed.label')}
        data-testid="chat-feed"
        tabIndex={0}
      >
        <div className="feed-spacer" style={{ height: total }}>
          {rows.map((item, i) => (
            <FeedRow
              key={`${item.roomId}:${item.id}`}
              item={item}
              top={(first + i) * ROW_HEIGHT}
              t={t}
              revoked={feed.revoked.has(item.id)}
              selected={item.id === selectedId}
              showActions={canModerate && (item.id === selectedId || item.id === hovered)}
              onSelect={onSelect}
              onAction={onAction}
              onHover={setHovered}
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
