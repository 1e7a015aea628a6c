// The live cockpit (#/live): the program preview, scenes, mixer, chat, live figures, co-hosts and safety as
// panels the VJ docks, resizes, hides and pops out; the arrangement is remembered per scene profile in the
// studio and followed by every window. Alt+1…9 goes to a panel (and shows it again if it was hidden).
import type { DockviewApi } from 'dockview';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitLayout, CockpitPanel } from '../../../main/contract/cockpit';
import { useStudio } from '../api/StudioProvider';
import {
  cockpitPanelIds,
  afterDockBack,
  afterHide,
  afterPopOut,
  extraInDock,
  missingFromDock,
  panelForKey,
  panelKey,
  presetPlans,
  returnPlace,
  type Placement,
  type Preset,
} from './cockpitRules';
import { DockArea } from './DockArea';
import { panelViews } from './panels';
import { useDockMessages } from './useDockMessages';
import './cockpit.css';

const SAVE_DELAY_MS = 300;
/** The element a panel's key lands on when the panel has keys of its own. */
const focusInside: Partial<Record<CockpitPanel, string>> = { chat: '[data-testid=chat-feed]' };
const firstLayout = (preset: Preset): CockpitLayout => ({ preset, dock: {}, hidden: [], poppedOut: [] });
/** The address of a panel on its own: the same page and token, another route. */
export const panelUrl = (panel: CockpitPanel) => `${location.pathname}${location.search}#/panel/${panel}`;

export function CockpitScreen() {
  const { t, i18n } = useTranslation();
  const client = useStudio();
  const messages = useDockMessages();
  const [api, setApi] = useState<DockviewApi | null>(null);
  const [shown, setShown] = useState<CockpitLayout | null>(null);
  const [docked, setDocked] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const layout = useRef<CockpitLayout>(firstLayout('singleMonitor'));
  const profileId = useRef<string | null>(null);
  const applying = useRef(false);
  const movedByHand = useRef(false);
  const lastSaved = useRef('');

  const title = useCallback((panel: string) => t(`cockpit.panels.${panel}`), [t]);

  const save = useCallback(
    (next: CockpitLayout) => {
      layout.current = next;
      setShown(next);
      const text = JSON.stringify(next);
      if (text === lastSaved.current) return;
      lastSaved.current = text;
      client
        .call('cockpit.saveLayout', { layout: next })
        .catch((err: Error) => setNotice(t('cockpit.saveFailed', { message: err.message })));
    },
    [client, t],
  );

  const add = useCallback(
    (dock: DockviewApi, panel: CockpitPanel, place?: Placement['beside'], sizes: Partial<Placement> = {}) => {
      dock.addPanel({
        id: panel,
        component: panel,
        title: title(panel),
        ...(place && dock.getPanel(place.panel)
          ? { position: { referencePanel: place.panel, direction: place.direction } }
          : {}),
        // A panel added as a tab beside another leaves the first one showing.
        ...(place?.direction === 'within' ? { inactive: true } : {}),
        ...(sizes.initialWidth ? { initialWidth: sizes.initialWidth } : {}),
        ...(sizes.initialHeight ? { initialHeight: sizes.initialHeight } : {}),
      });
    },
    [title],
  );

  /** Makes the dock hold exactly the panels the layout says belong in it. */
  const reconcile = useCallback(
    (dock: DockviewApi, wanted: CockpitLayout) => {
      const ids = () => dock.panels.map((p) => p.id);
      for (const panel of extraInDock(wanted, ids())) {
        const p = dock.getPanel(panel);
        if (p) dock.removePanel(p);
      }
      for (const panel of missingFromDock(wanted, ids())) add(dock, panel, returnPlace(wanted.preset, panel, ids()));
      for (const p of dock.panels) p.api.setTitle(title(p.id));
      setDocked(ids());
    },
    [add, title],
  );

  const applyPreset = useCallback(
    (dock: DockviewApi, preset: Preset) => {
      applying.current = true;
      try {
        dock.clear();
        const next: CockpitLayout = { ...layout.current, preset, hidden: [] };
        for (const placement of presetPlans[preset])
          if (!next.poppedOut.includes(placement.panel)) add(dock, placement.panel, placement.beside, placement);
        movedByHand.current = false;
        setDocked(dock.panels.map((p) => p.id));
        save({ ...next, dock: dock.toJSON() as unknown as Record<string, unknown> });
      } finally {
        applying.current = false;
      }
    },
    [add, save],
  );

  const apply = useCallback(
    (dock: DockviewApi, wanted: CockpitLayout) => {
      applying.current = true;
      try {
        if (JSON.stringify(dock.toJSON()) !== JSON.stringify(wanted.dock)) dock.fromJSON(wanted.dock as never);
        layout.current = wanted;
        lastSaved.current = JSON.stringify(wanted);
        setShown(wanted);
        reconcile(dock, wanted);
      } catch {
        setNotice(t('cockpit.layoutUnreadable'));
        layout.current = { ...wanted, preset: 'singleMonitor' };
        applyPreset(dock, 'singleMonitor');
      } finally {
        applying.current = false;
      }
    },
    [applyPreset, reconcile, t],
  );

  // Load the profile's arrangement once the dock exists; a first visit gets "Single monitor".
  const load = useCallback(
    (dock: DockviewApi) => {
      client.call('cockpit.layout', {}).then(
        (answer) => {
          profileId.current = answer.profileId;
          if (answer.layout) apply(dock, answer.layout);
          else {
            layout.current = firstLayout('singleMonitor');
            applyPreset(dock, 'singleMonitor');
          }
        },
        (err: Error) => setNotice(err.message),
      );
    },
    [apply, applyPreset, client],
  );
  useEffect(() => {
    if (api) load(api);
  }, [api, load]);

  // The VJ's own moves, resizes and closes are saved shortly after they settle.
  useEffect(() => {
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = () => {
      timer = null;
      if (applying.current || profileId.current === null) return;
      const ids = api.panels.map((p) => p.id);
      setDocked(ids);
      let next: CockpitLayout = { ...layout.current, dock: api.toJSON() as unknown as Record<string, unknown> };
      // A panel that left the dock without being popped out was closed from its tab: it is hidden.
      for (const panel of missingFromDock(next, ids)) next = afterHide(next, panel);
      if (movedByHand.current) next = { ...next, preset: 'custom' };
      save(next);
    };
    const changed = api.onDidLayoutChange(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(settle, SAVE_DELAY_MS);
    });
    const dropped = api.onDidDrop(() => (movedByHand.current = true));
    const moved = api.onDidMovePanel(() => (movedByHand.current = !applying.current || movedByHand.current));
    return () => {
      if (timer) clearTimeout(timer);
      changed.dispose();
      dropped.dispose();
      moved.dispose();
    };
  }, [api, save]);

  // Another window changed it (a popped-out panel docked back), or the VJ switched scene profile.
  useEffect(() => {
    if (!api) return;
    const offLayout = client.on('cockpit.layoutChanged', (change) => {
      if (change.profileId !== profileId.current || !change.layout) return;
      if (JSON.stringify(change.layout) === lastSaved.current) return;
      apply(api, change.layout);
    });
    const offScenes = client.on('scenes.changed', (state) => {
      if (profileId.current !== null && state.profile.id !== profileId.current) load(api);
    });
    return () => {
      offLayout();
      offScenes();
    };
  }, [api, apply, client, load]);

  // Titles follow the language.
  useEffect(() => {
    for (const p of api?.panels ?? []) p.api.setTitle(title(p.id));
  }, [api, i18n.language, title]);

  const dockBack = useCallback(
    (panel: CockpitPanel) => {
      if (!api) return;
      const next = afterDockBack(layout.current, panel);
      layout.current = next;
      reconcile(api, next);
    },
    [api, reconcile],
  );

  const goTo = useCallback(
    (panel: CockpitPanel) => {
      if (!api) return;
      if (layout.current.poppedOut.includes(panel)) return setNotice(t('cockpit.poppedOut', { panel: title(panel) }));
      if (!api.getPanel(panel)) dockBack(panel);
      api.getPanel(panel)?.api.setActive();
      const body = document.querySelector<HTMLElement>(`.cockpit-panel-body[data-panel="${panel}"]`);
      // Where the panel's own keys work: the chat's feed (↑/↓, D, 1/2/3…), else the panel itself.
      const inside = focusInside[panel];
      ((inside && body?.querySelector<HTMLElement>(inside)) || body)?.focus();
    },
    [api, dockBack, t, title],
  );

  const popOut = useCallback(
    async (panel: CockpitPanel) => {
      if (!api) return;
      setNotice(null);
      if (client.transport === 'ws') {
        // A tab of its own, opened inside the click so the browser allows it; it shares nothing with this one.
        const tab = window.open(panelUrl(panel), `vj-studio-${panel}`);
        if (!tab) return setNotice(t('cockpit.popupBlocked'));
        tab.opener = null;
      } else {
        try {
          await client.call('cockpit.popOut', { panel });
        } catch (err) {
          return setNotice((err as Error).message);
        }
      }
      const next = afterPopOut(layout.current, panel);
      layout.current = next;
      applying.current = true;
      try {
        const p = api.getPanel(panel);
        if (p) api.removePanel(p);
      } finally {
        applying.current = false;
      }
      setDocked(api.panels.map((q) => q.id));
      save({ ...next, dock: api.toJSON() as unknown as Record<string, unknown> });
    },
    [api, client, save, t],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const panel = panelForKey(e);
      if (!panel) return;
      e.preventDefault();
      goTo(panel);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goTo]);

  const preset = shown?.preset ?? 'singleMonitor';
  return (
    <section className="screen cockpit-screen" data-testid="cockpit" data-preset={preset}>
      <div className="cockpit-toolbar" role="toolbar" aria-label={t('cockpit.toolbar')}>
        <label>
          {t('cockpit.layout')}{' '}
          <select
            value={preset}
            onChange={(e) => api && applyPreset(api, e.target.value as Preset)}
            // Until the remembered arrangement has arrived, a choice here would be undone by it.
            disabled={!api || !shown}
            data-testid="cockpit-preset"
          >
            <option value="singleMonitor">{t('cockpit.presets.singleMonitor')}</option>
            <option value="chatOnTheSide">{t('cockpit.presets.chatOnTheSide')}</option>
            <option value="custom" disabled>
              {t('cockpit.presets.custom')}
            </option>
          </select>
        </label>
        {cockpitPanelIds.map((panel) => {
          const popped = shown?.poppedOut.includes(panel) ?? false;
          const inDock = docked.includes(panel);
          return (
            <span className="cockpit-panel-control" key={panel} data-panel={panel}>
              <button
                type="button"
                onClick={() => goTo(panel)}
                aria-pressed={inDock}
                aria-keyshortcuts={panelKey(panel)}
                aria-label={t(inDock ? 'cockpit.focus' : 'cockpit.show', { panel: title(panel), key: panelKey(panel) })}
                data-testid={`cockpit-show-${panel}`}
              >
                {title(panel)} <kbd>{panelKey(panel)}</kbd>
              </button>
              {popped ? (
                <button
                  type="button"
                  onClick={() => dockBack(panel)}
                  aria-label={t('cockpit.dockBackLabel', { panel: title(panel) })}
                  data-testid={`cockpit-dock-back-${panel}`}
                >
                  {t('cockpit.dockBack')}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => void popOut(panel)}
                  aria-label={t('cockpit.popOutLabel', { panel: title(panel) })}
                  title={t('cockpit.popOutLabel', { panel: title(panel) })}
                  data-testid={`cockpit-pop-out-${panel}`}
                >
                  {t('cockpit.popOut')}
                </button>
              )}
            </span>
          );
        })}
      </div>
      <p className="hint cockpit-keys">{t('cockpit.keysHelp')}</p>
      {notice && (
        <p className="warning" role="status" data-testid="cockpit-notice">
          {notice}
        </p>
      )}
      <DockArea
        onApi={setApi}
        messages={messages}
        label={t('cockpit.title')}
        renderPanel={(component) => (component in panelViews ? panelViews[component as CockpitPanel]() : null)}
      />
    </section>
  );
}
