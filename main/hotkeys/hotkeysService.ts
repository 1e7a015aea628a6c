// Owns the global hotkeys: their settings, handing them to the shell's registrar (Electron's globalShortcut;
// none in the headless host), and running what a pressed hotkey decides through the studio's own calls.
import type { EventBus } from '../api';
import type { CallContext } from '../api/router';
import type { CallName, HotkeyAction, HotkeysState, Reply, SessionState } from '../contract';
import type { ScenesState } from '../contract/scenes';
import { defaultHotkeys, hotkeyCommand, withBindings, type HotkeyBindings } from './hotkeyCommands';

export const HOTKEYS_SETTINGS_KEY = 'hotkeys';

/** What the Electron shell provides: system-wide shortcuts and a question before ending the show. */
export interface GlobalHotkeyRegistrar {
  /** Replaces every registration; answers the actions whose shortcut another application holds. */
  register(bindings: HotkeyBindings, onPress: (action: HotkeyAction) => void): HotkeyAction[];
  confirm(question: { en: string; zh: string }): Promise<boolean>;
  unregisterAll(): void;
}

export interface HotkeysServiceOptions {
  settings: { get<T>(key: string): T | undefined; set(key: string, value: unknown): void };
  bus: EventBus;
  dispatch: (name: CallName, input: unknown, ctx: CallContext) => Promise<Reply>;
  registrar: GlobalHotkeyRegistrar | null;
  log: (line: string) => void;
}

const ctx: CallContext = { transport: 'internal', peer: 'global hotkey' };

export class HotkeysService {
  private unavailable: HotkeyAction[] = [];

  constructor(private readonly o: HotkeysServiceOptions) {}

  start(): void {
    this.register();
  }

  state(): HotkeysState {
    return { bindings: this.bindings(), global: this.o.registrar !== null, unavailable: this.unavailable };
  }

  set(patch: Partial<HotkeyBindings>): HotkeysState {
    const next = withBindings(this.bindings(), patch);
    this.o.settings.set(HOTKEYS_SETTINGS_KEY, next);
    this.register();
    const state = this.state();
    this.o.bus.emit('hotkeys.state', state);
    return state;
  }

  /** A hotkey was pressed: ask the studio's state, decide, confirm if needed, then make the call. */
  async press(action: HotkeyAction): Promise<void> {
    const [scenes, session] = await Promise.all([
      this.o.dispatch('scenes.state', {}, ctx),
      this.o.dispatch('session.state', {}, ctx),
    ]);
    if (!scenes.ok || !session.ok) return;
    const command = hotkeyCommand(action, scenes.value as ScenesState, session.value as SessionState);
    if (!command) return;
    if (command.confirm && !(await this.o.registrar?.confirm(command.confirm))) return;
    const reply = await this.o.dispatch(command.call, command.input, ctx);
    if (!reply.ok) {
      this.o.log(`hotkey ${action}: ${reply.error.message}`);
      this.o.bus.emit('system.notice', { level: 'warning', code: reply.error.code, message: reply.error.message });
    }
  }

  close(): void {
    this.o.registrar?.unregisterAll();
  }

  private bindings(): HotkeyBindings {
    const stored = this.o.settings.get<Partial<HotkeyBindings>>(HOTKEYS_SETTINGS_KEY) ?? {};
    return { ...defaultHotkeys, ...stored };
  }

  private register(): void {
    if (!this.o.registrar) return;
    this.unavailable = this.o.registrar.register(this.bindings(), (action) => {
      this.press(action).catch((err: Error) => this.o.log(`hotkey ${action}: ${err.message}`));
    });
  }
}
