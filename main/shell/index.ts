export { createStudioWindow } from './studioWindow';
export type { StudioWindow } from './studioWindow';
export { installIpcTransport, CALL_CHANNEL, EVENT_CHANNEL } from './ipcTransport';
export { SafeStorageSecretStore } from './safeStorageSecretStore';
export { PanelWindows } from './panelWindows';
export { electronHotkeyRegistrar } from './globalHotkeys';
export { startUpdater } from './updater';
