// The studio's plain-words notices (a fault survived, a lost device, a full disk) shown where the VJ looks,
// newest first, at most a few at once; info notices leave by themselves, warnings and errors stay until dismissed.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import { useEvent } from '../api/StudioProvider';

/** A notice storm (a fault every frame) never stacks more than this on screen. */
export const MAX_NOTICES_SHOWN = 3;
const INFO_SHOWN_MS = 10_000;

type Notice = EventPayload<'system.notice'> & { id: number; at: number };

export function addNotice(list: Notice[], notice: Notice): Notice[] {
  return [notice, ...list].slice(0, MAX_NOTICES_SHOWN);
}

let nextId = 1;

export function NoticeTray() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const onNotice = useCallback((n: EventPayload<'system.notice'>) => {
    setNotices((list) => addNotice(list, { ...n, id: nextId++, at: Date.now() }));
  }, []);
  useEvent('system.notice', onNotice);
  useEffect(() => {
    const info = notices.filter((n) => n.level === 'info');
    if (info.length === 0) return;
    const timer = setTimeout(
      () => setNotices((list) => list.filter((n) => n.level !== 'info' || Date.now() - n.at < INFO_SHOWN_MS)),
      INFO_SHOWN_MS,
    );
    return () => clearTimeout(timer);
  }, [notices]);
  if (notices.length === 0) return null;
  return (
    <ul className="notice-tray" data-testid="notices" aria-live="polite" aria-label={t('notices.label')}>
      {notices.map((n) => (
        <li
          key={n.id}
          className={`notice notice-${n.level}`}
          data-code={n.code}
          role={n.level === 'error' ? 'alert' : 'status'}
        >
          <span className="notice-text">{n.message}</span>
          <button
            type="button"
            className="notice-dismiss"
            aria-label={t('notices.dismiss')}
            onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
