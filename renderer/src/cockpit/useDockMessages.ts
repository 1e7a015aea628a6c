// dockview's spoken announcements and its tab buttons' labels, in the language the studio is shown in.
import type { DockviewMessages } from 'dockview';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useDockMessages(): Partial<DockviewMessages> {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const say = (key: string, values: Record<string, string | number> = {}) => t(`cockpit.dock.${key}`, values);
    return {
      panelOpened: (title) => say('panelOpened', { title }),
      panelClosed: (title) => say('panelClosed', { title }),
      groupMaximized: (title) => say('groupMaximized', { title }),
      groupRestored: (title) => say('groupRestored', { title }),
      groupFloated: (title) => say('groupFloated', { title }),
      groupDocked: (title) => say('groupDocked', { title }),
      groupPoppedOut: (title) => say('groupPoppedOut', { title }),
      closeTab: (title) => say('closeTab', { title }),
      closeTabPlain: () => say('closeTabPlain'),
      movePickTarget: (source, target, current, total) => say('movePickTarget', { source, target, current, total }),
      movePickEdge: (position, target) => say('movePickEdge', { position, target }),
      moveCommitted: (source, target, position) => say('moveCommitted', { source, target, position }),
      moveCancelled: () => say('moveCancelled'),
      moveNotAllowed: () => say('moveNotAllowed'),
      moveFloated: (source) => say('moveFloated', { source }),
    };
    // The language is what changes the words; t alone may keep its identity across a change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, i18n.language]);
}
