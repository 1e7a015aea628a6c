// The global hotkeys' system side: Electron's globalShortcut for every binding (the studio need not be in
// front), and the question before ending the show as a native dialog in English and Chinese.
import { dialog, globalShortcut, type BrowserWindow } from 'electron';
import type { HotkeyAction } from '../contract';
import type { GlobalHotkeyRegistrar, HotkeyBindings } from '../hotkeys';

export function electronHotkeyRegistrar(parent: () => BrowserWindow | null): GlobalHotkeyRegistrar {
  return {
    register(bindings: HotkeyBindings, onPress: (action: HotkeyAction) => void): HotkeyAction[] {
      globalShortcut.unregisterAll();
      const taken: HotkeyAction[] = [];
      for (const [action, accelerator] of Object.entries(bindings) as [HotkeyAction, string | null][]) {
        if (!accelerator) continue;
        // register() answers false when another application holds the shortcut; it can also throw on one
        // the OS cannot represent. Either way the VJ sees it as taken in Settings.
        let ok: boolean;
        try {
          ok = globalShortcut.register(accelerator, () => onPress(action));
        } catch {
          ok = false;
        }
        if (!ok) taken.push(action);
      }
      return taken;
    },
    async confirm(question) {
      const window = parent();
      const options = {
        type: 'question' as const,
        buttons: ['End / 结束', 'Cancel / 取消'],
        defaultId: 1,
        cancelId: 1,
        message: question.en,
        detail: question.zh,
      };
      const answer =
        window && !window.isDestroyed()
          ? await dialog.showMessageBox(window, options)
          : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
    unregisterAll() {
      globalShortcut.unregisterAll();
    },
  };
}
