// Subscribes to chat.batch and chat.status, loads recent lines on open, and coalesces batches to at most
// one React update per animation frame.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ChatItem, ChatStatus } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';
import { useLatest } from '../api/useLatest';
import { applyBatch, emptyFeed, mergeRecent, type FeedState } from './feedBuffer';

export function useChatFeed(paused: boolean) {
  const client = useStudio();
  const [feed, setFeed] = useState<FeedState>(emptyFeed);
  const [status, setStatus] = useState<ChatStatus | null>(null);
  const pending = useRef<{ items: ChatItem[]; revoked: string[]; skipped: number }>({
    items: [],
    revoked: [],
    skipped: 0,
  });
  const frame = useRef<number | null>(null);
  const pausedRef = useLatest(paused);

  const schedule = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const { items, revoked, skipped } = pending.current;
      pending.current = { items: [], revoked: [], skipped: 0 };
      // Committed inside this frame's rAF callback: the new lines are laid out and painted in this same frame
      // (one commit per frame), instead of a scheduler task after the paint that shows them a frame later.
      flushSync(() => setFeed((s) => applyBatch(s, items, revoked, pausedRef.current, undefined, skipped)));
    });
  }, [pausedRef]);

  useEffect(() => {
    let live = true;
    client.call('chat.status', {}).then(
      (s) => live && setStatus(s),
      () => {},
    );
    client.call('chat.recent', { limit: 200 }).then(
      (r) => live && setFeed((s) => mergeRecent(s, r.items)),
      () => {},
    );
    const offBatch = client.on('chat.batch', (b) => {
      pending.current.items.push(...b.items);
      pending.current.revoked.push(...b.revoked);
      pending.current.skipped += b.skipped ?? 0;
      schedule();
    });
    const offStatus = client.on('chat.status', (s) => setStatus(s));
    return () => {
      live = false;
      offBatch();
      offStatus();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [client, schedule]);

  const clearUnseen = useCallback(() => setFeed((s) => ({ ...s, unseen: 0 })), []);
  const reload = useCallback(() => {
    client.call('chat.recent', { limit: 200 }).then(
      (r) => setFeed(applyBatch(emptyFeed, r.items, [], false)),
      () => {},
    );
  }, [client]);
  return { feed, status, clearUnseen, reload };
}
