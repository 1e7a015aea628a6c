// Owns the obs-websocket server of the studio: its settings (off by default, port 4455, a generated password,
// loopback unless opened to the LAN), starting and stopping it, and the studio's events it carries out.
import { networkInterfaces } from 'node:os';
import type { EventBus, StudioEventArgs } from '../api';
import type { CallContext } from '../api/router';
import { StudioError, type CallName, type ObsWebSocketState, type Reply, type SessionState } from '../contract';
import { DEFAULT_OBS_WEBSOCKET_PORT } from '../contract/controlSurfaces';
import type { ScenesState } from '../contract/scenes';
import { refusalWords } from '../contract/refusalWords';
import { newPassword } from './auth';
import { EventTranslator } from './obsEvents';
import { listenObsWebSocket, type ObsListener } from './obsListener';
import { EventSubscription } from './protocol';
import { runRequest } from './requests';
import { ItemIdRegistry, RequestFailure, statusForStudioError, type StudioCall } from './requestTypes';

export const OBS_SETTINGS_KEY = 'obsWebSocket';

interface ObsSettings {
  enabled: boolean;
  lan: boolean;
  port: number;
  password: string;
}

export interface ObsWebSocketServiceOptions {
  settings: { get<T>(key: string): T | undefined; set(key: string, value: unknown): void };
  bus: EventBus;
  dispatch: (name: CallName, input: unknown, ctx: CallContext) => Promise<Reply>;
  log: (line: string) => void;
  /** Tests listen on port 0; the product on the VJ's port (4455 unless changed). */
  portOverride?: number;
}

const isAddressInUse = (err: unknown) => (err as { code?: string })?.code === 'EADDRINUSE';

export class ObsWebSocketService {
  private listener: ObsListener | null = null;
  private problem: ObsWebSocketState['problem'] = null;
  private readonly itemIds = new ItemIdRegistry();
  private readonly translator = new EventTranslator(this.itemIds);
  private readonly unsubscribe: () => void;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly o: ObsWebSocketServiceOptions) {
    this.unsubscribe = o.bus.subscribe((...event) => this.onStudioEvent(...event));
  }

  /** Starts the server if the VJ turned it on before; the first look at the studio's state seeds events. */
  async start(): Promise<void> {
    const [scenes, session] = await Promise.all([this.call('scenes.state', {}), this.call('session.state', {})]);
    this.translator.seed(scenes as ScenesState, session as SessionState);
    await this.apply();
  }

  state(): ObsWebSocketState {
    const s = this.settings();
    const port = this.listener?.port ?? null;
    return {
      enabled: s.enabled,
      lan: s.lan,
      port: s.port,
      listeningPort: port,
      addresses: port === null ? [] : addressesFor(s.lan, port),
      password: s.password,
      clients: this.listener?.sessions() ?? 0,
      problem: this.problem,
    };
  }

  async configure(patch: { enabled?: boolean; lan?: boolean; port?: number }): Promise<ObsWebSocketState> {
    const s = this.settings();
    this.o.settings.set(OBS_SETTINGS_KEY, { ...s, ...patch });
    await this.apply(true);
    return this.state();
  }

  async newPassword(): Promise<ObsWebSocketState> {
    this.o.settings.set(OBS_SETTINGS_KEY, { ...this.settings(), password: newPassword() });
    // Everyone who signed in with the old password signs in again.
    await this.apply(true);
    return this.state();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.listener?.broadcast('ExitStarted', EventSubscription.General);
    await this.stopListening();
  }

  private settings(): ObsSettings {
    const stored = this.o.settings.get<Partial<ObsSettings>>(OBS_SETTINGS_KEY) ?? {};
    const s: ObsSettings = {
      enabled: stored.enabled === true,
      lan: stored.lan === true,
      port: typeof stored.port === 'number' ? stored.port : DEFAULT_OBS_WEBSOCKET_PORT,
      password: typeof stored.password === 'string' && stored.password.length >= 8 ? stored.password : '',
    };
    if (!s.password) {
      s.password = newPassword();
      this.o.settings.set(OBS_SETTINGS_KEY, s);
    }
    return s;
  }

  /** Brings the listener in line with the settings, one change at a time. */
  private apply(restart = false): Promise<void> {
    this.applying = this.applying.then(async () => {
      const s = this.settings();
      if (restart || !s.enabled) await this.stopListening();
      if (s.enabled && !this.listener) await this.listen(s);
      this.emitState();
    });
    return this.applying;
  }

  private async listen(s: ObsSettings): Promise<void> {
    const host = s.lan ? '0.0.0.0' : '127.0.0.1';
    const port = this.o.portOverride ?? s.port;
    this.problem = null;
    try {
      this.listener = await listenObsWebSocket(host, port, this.sessionHost(), () => this.emitState());
    } catch (err) {
      if (!isAddressInUse(err) || port === 0) {
        const words = refusalWords.obsWebSocket.couldNotStart((err as Error).message);
        this.problem = new StudioError('unavailable', words).toJSON();
        return;
      }
      this.listener = await listenObsWebSocket(host, 0, this.sessionHost(), () => this.emitState());
      this.problem = new StudioError(
        'conflict',
        refusalWords.obsWebSocket.portTaken(port, this.listener.port),
      ).toJSON();
    }
    this.o.log(`obs-websocket server listening on ${host}:${this.listener.port}`);
  }

  private async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    this.problem = null;
    if (listener) await listener.close();
  }

  private sessionHost() {
    return {
      password: () => this.settings().password,
      log: this.o.log,
      run: (type: string, data: Record<string, unknown>, session: { incoming: number; outgoing: number }) =>
        runRequest(type, data, {
          call: this.call,
          itemIds: this.itemIds,
          session,
          figures: () => this.translator.figures(),
        }),
    };
  }

  private readonly call: StudioCall = async (name, input) => {
    const reply = await this.o.dispatch(name, input, { transport: 'internal', peer: 'obs-websocket' });
    if (!reply.ok) throw new RequestFailure(statusForStudioError(reply.error.code), reply.error.message);
    return reply.value as never;
  };

  private onStudioEvent(...event: StudioEventArgs): void {
    if (event[0] === 'obsWebSocket.state') return;
    const events = this.translator.translate(...event);
    for (const e of events) this.listener?.broadcast(e.eventType, e.intent, e.data);
  }

  private emitState(): void {
    this.o.bus.emit('obsWebSocket.state', this.state());
  }
}

/** ws:// addresses a control surface can use: loopback, and each LAN address when open to the LAN. */
export function addressesFor(lan: boolean, port: number): string[] {
  const hosts = ['127.0.0.1'];
  if (lan)
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) hosts.push(a.address);
  return hosts.map((h) => `ws://${h}:${port}`);
}
