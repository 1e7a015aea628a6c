// One cockpit panel alone in its own window or tab (#/panel/<id>), with "Dock back" to return it to the
// live screen: the same component as in the dock, over its own connection to the studio.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitPanel } from '../../../main/contract/cockpit';
import { useStudio } from '../api/StudioProvider';
import { afterDockBack } from './cockpitRules';
import { panelViews } from './panels';
import './cockpit.css';

export function PoppedPanel({ panel }: { panel: CockpitPanel }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [docked, setDocked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = t(`cockpit.panels.${panel}`);

  useEffect(() => {
    document.title = title;
    // Docked back from the live screen's toolbar: this window's panel now lives there.
    return client.on('cockpit.layoutChanged', (change) => {
      if (change.layout && !change.layout.poppedOut.includes(panel)) setDocked(true);
    });
  }, [client, panel, title]);

  const dockBack = useCallback(async () => {
    try {
      const { layout } = await client.call('cockpit.layout', {});
      if (layout) await client.call('cockpit.saveLayout', { layout: afterDockBack(layout, panel) });
      setDocked(true);
      window.close(); // allowed for a window the studio opened; otherwise the words below say what to do
    } catch (err) {
      setError((err as Error).message);
    }
  }, [client, panel]);

  return (
    <div className="popped-panel" data-testid="popped-panel" data-panel={panel} data-docked={docked}>
      <header>
        <h1>{title}</h1>
        {!docked && (
          <button
            type="button"
            onClick={() => void dockBack()}
            aria-label={t('cockpit.dockBackLabel', { panel: title })}
            data-testid="popped-dock-back"
          >
            {t('cockpit.dockBack')}
          </button>
        )}
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {docked ? (
        <p className="hint" role="status" data-testid="popped-docked">
          {t('cockpit.dockedBack', { panel: title })}
        </p>
      ) : (
        <div className="popped-body">{panelViews[panel]()}</div>
      )}
    </div>
  );
}
