// Who is signed in where: the mode (embedded platform or a business server), the session token (kept in a
// SecretStore), and the PlatformClient every other part of the session uses.
import type { EventBus } from '../api';
import { StudioError, type AccountState } from '../contract';
import { PlatformClient, type PlatformMe } from '../platformClient';
import type { SettingsStore } from '../storage';
import type { EmbeddedPlatformHost } from './embeddedPlatform';
import type { SecretStore } from './secretStore';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.account;

interface KeptSession {
  mode: 'local' | 'cloud';
  serverUrl: string;
  token: string;
  userId: string;
  sdkAppId: number;
  imUrl?: string;
}

interface SignedIn {
  userId: string;
  nickname: string;
  balance: number;
  sdkAppId: number;
  imUrl: string | null;
}

/** Who is signed in: the platform's word on the account, with the chat app and hub its session came with. */
function signedIn(me: PlatformMe, session: { sdkAppId: number; imUrl?: string | null }): SignedIn {
  const { userId, nickname, balance } = me;
  return { userId, nickname, balance, sdkAppId: session.sdkAppId, imUrl: session.imUrl ?? null };
}

export interface AccountServiceOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  embedded: EmbeddedPlatformHost;
  bus: EventBus;
  log: (line: string) => void;
}

export class AccountService {
  private mode: 'local' | 'cloud';
  private cloudUrl: string | null;
  private serverUrl: string | null = null;
  private viewerUrl: string | null = null;
  private rtmpUrl: string | null = null;
  private serverProblem: string | null = null;
  private serverProblemZh: string | null = null;
  private client: PlatformClient | null = null;
  private signed: SignedIn | null = null;

  constructor(private readonly o: AccountServiceOptions) {
    this.mode = o.settings.get<'local' | 'cloud'>('account.mode') ?? 'local';
    this.cloudUrl = o.settings.get<string>('account.cloudUrl') ?? null;
  }

  /** Brings the server up (local mode) and restores a kept session if the server still accepts it. */
  async start(): Promise<void> {
    await this.connectServer();
    const kept = this.readKept();
    if (!kept || !this.client || kept.mode !== this.mode) return;
    if (kept.mode === 'cloud' && kept.serverUrl !== this.serverUrl) return;
    this.client.setToken(kept.token);
    try {
      this.signed = signedIn(await this.client.me(), kept);
    } catch (err) {
      this.client.setToken(null);
      if ((err as StudioError).code === 'unauthorized') this.o.secrets.clear();
      this.o.log(`could not restore the session: ${(err as Error).message}`);
    }
    this.changed();
  }

  state(): AccountState {
    return {
      mode: this.mode,
      serverUrl: this.serverUrl,
      viewerUrl: this.viewerUrl,
      serverProblem: this.serverProblem,
      signedIn: this.signed !== null,
      userId: this.signed?.userId ?? null,
      nickname: this.signed?.nickname ?? null,
      balance: this.signed?.balance ?? null,
      sdkAppId: this.signed?.sdkAppId ?? null,
    };
  }

  /** The client of the signed-in account; says what to do when nobody is signed in. */
  signedInClient(): {
    client: PlatformClient;
    userId: string;
    serverUrl: string;
    viewerUrl: string | null;
    imUrl: string | null;
    token: string;
  } {
    const token = this.client?.currentToken();
    if (!this.client || !this.signed || !this.serverUrl || !token)
      throw new StudioError('unauthorized', words.notSignedIn);
    return {
      client: this.client,
      userId: this.signed.userId,
      serverUrl: this.serverUrl,
      viewerUrl: this.viewerUrl,
      imUrl: this.signed.imUrl,
      token,
    };
  }

  /** The embedded platform's ingest now (its port may differ from the last run's). */
  localIngest(): string | null {
    return this.mode === 'local' ? this.rtmpUrl : null;
  }

  isLocal(): boolean {
    return this.mode === 'local';
  }

  async create(input: { userId: string; password: string; nickname: string }): Promise<AccountState> {
    const client = this.needServer();
    await client.createAccount(input);
    return this.signIn({ userId: input.userId, password: input.password });
  }

  async signIn(input: { userId: string; password: string }): Promise<AccountState> {
    const client = this.needServer();
    const session = await client.createSession(input);
    client.setToken(session.token);
    const me = await client.me();
    this.signed = signedIn(me, session);
    const kept: KeptSession = {
      mode: this.mode,
      serverUrl: this.serverUrl ?? '',
      token: session.token,
      userId: me.userId,
      sdkAppId: session.sdkAppId,
      imUrl: session.imUrl,
    };
    try {
      this.o.secrets.write(JSON.stringify(kept));
    } catch (err) {
      this.o.log(`could not keep the session token (${this.o.secrets.kind}): ${(err as Error).message}`);
    }
    this.changed();
    return this.state();
  }

  signOut(): AccountState {
    this.signed = null;
    this.client?.setToken(null);
    this.o.secrets.clear();
    this.changed();
    return this.state();
  }

  async setMode(mode: 'local' | 'cloud', serverUrl?: string): Promise<AccountState> {
    if (mode === 'cloud' && !serverUrl && !this.cloudUrl)
      throw new StudioError('invalid_input', words.cloudNeedsServer);
    this.signOut();
    this.mode = mode;
    if (serverUrl) this.cloudUrl = serverUrl;
    this.o.settings.set('account.mode', mode);
    if (this.cloudUrl) this.o.settings.set('account.cloudUrl', this.cloudUrl);
    await this.connectServer();
    this.changed();
    return this.state();
  }

  async refreshBalance(): Promise<void> {
    if (!this.client || !this.signed) return;
    try {
      const me = await this.client.me();
      this.signed = { ...this.signed, balance: me.balance, nickname: me.nickname };
      this.changed();
    } catch {
      // The balance is shown for information; a missed refresh is not worth a notice.
    }
  }

  private async connectServer(): Promise<void> {
    this.client = null;
    this.serverUrl = null;
    this.viewerUrl = null;
    this.rtmpUrl = null;
    this.serverProblem = null;
    this.serverProblemZh = null;
    if (this.mode === 'local') {
      try {
        const platform = await this.o.embedded.ensure();
        this.serverUrl = platform.httpUrl;
        this.rtmpUrl = platform.rtmpUrl;
        this.viewerUrl = `${platform.httpUrl.replace(/\/+$/, '')}/`;
      } catch (err) {
        const problem = words.builtInPlatformFailed((err as Error).message);
        this.setServerProblem(problem);
        this.o.log(problem.en);
        return;
      }
    } else {
      if (!this.cloudUrl) {
        this.setServerProblem(words.noServerAddress);
        return;
      }
      this.serverUrl = this.cloudUrl;
      this.viewerUrl = `${this.cloudUrl.replace(/\/+$/, '')}/`;
    }
    this.client = new PlatformClient({ baseUrl: this.serverUrl });
  }

  private setServerProblem(w: BilingualWords): void {
    this.serverProblem = w.en;
    this.serverProblemZh = w.zh;
  }

  private needServer(): PlatformClient {
    if (!this.client) {
      throw new StudioError('unavailable', {
        en: this.serverProblem ?? words.noServer.en,
        zh: this.serverProblemZh ?? words.noServer.zh,
      });
    }
    return this.client;
  }

  private readKept(): KeptSession | null {
    try {
      const text = this.o.secrets.read();
      return text ? (JSON.parse(text) as KeptSession) : null;
    } catch {
      return null;
    }
  }

  private changed(): void {
    this.o.bus.emit('account.changed', this.state());
  }
}
