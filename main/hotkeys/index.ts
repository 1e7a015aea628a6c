// Global hotkeys of the studio: pure decisions and the service that runs them; the shell registers them.
export { HotkeysService, HOTKEYS_SETTINGS_KEY } from './hotkeysService';
export type { GlobalHotkeyRegistrar, HotkeysServiceOptions } from './hotkeysService';
export { defaultHotkeys, hotkeyCommand, normalizeAccelerator, withBindings } from './hotkeyCommands';
export type { HotkeyBindings, HotkeyCommand } from './hotkeyCommands';
