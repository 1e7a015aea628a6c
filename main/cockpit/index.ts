// The live cockpit: the arrangement of the live screen's panels and their pop-out windows.
export { CockpitService, type CockpitServiceOptions, type PanelWindowOpener } from './cockpitService';
export { cockpitHandlers } from './cockpitHandlers';
