// The live cockpit's main side: its arrangement per scene profile (remembered in SQLite, told to every
// window) and the pop-out windows that only a windowed shell can open.
import type { EventBus } from '../api';
import type { CockpitLayout, CockpitLayoutOfProfile, CockpitPanel } from '../contract/cockpit';
import type { CockpitLayoutRepository } from '../storage';

/** Opens a panel in a window of its own; absent in the headless host, where the browser opens a tab. */
export type PanelWindowOpener = (panel: CockpitPanel) => void;

export interface CockpitServiceOptions {
  repository: CockpitLayoutRepository;
  bus: EventBus;
  /** The scene profile the VJ works in now: the cockpit's arrangement follows it. */
  activeProfileId: () => string;
  openPanelWindow?: PanelWindowOpener | null;
}

export class CockpitService {
  constructor(private readonly o: CockpitServiceOptions) {}

  layout(): CockpitLayoutOfProfile {
    const profileId = this.o.activeProfileId();
    return { profileId, layout: this.o.repository.get(profileId) };
  }

  save(layout: CockpitLayout): void {
    const profileId = this.o.activeProfileId();
    this.o.repository.save(profileId, layout);
    this.o.bus.emit('cockpit.layoutChanged', { profileId, layout });
  }

  popOut(panel: CockpitPanel): { window: 'opened' | 'none' } {
    if (!this.o.openPanelWindow) return { window: 'none' };
    this.o.openPanelWindow(panel);
    return { window: 'opened' };
  }
}
