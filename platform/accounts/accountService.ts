// Accounts, sign-in sessions (bearer tokens) and the UserSig each session carries.
import { randomBytes } from 'node:crypto';
import type { ChatCredentials, Session } from '../../common/platformApi/schemas';
import { checkPassword, hashPassword } from '../auth/password';
import { SignInThrottle } from '../auth/signInThrottle';
import { genUserSig } from '../auth/userSig';
import { refusals } from '../http/refusals';
import { HttpError } from '../http/router';
import type { AccountRow, AccountsRepo } from '../storage/accountsRepo';
import { controlCharacterProblem } from '../im/textGuard';

/** A chat UserSig's validity: a day, far under Tencent's default 180 (the client asks again to sign in again). */
const CHAT_USERSIG_SECONDS = 86_400;

export interface AccountServiceOptions {
  sdkAppId: number;
  secretKey: string;
  /** How long a UserSig and a token stay valid (Tencent's default is 180 days; a studio asks for far less). */
  sessionSeconds: number;
  guestBalance: number;
  imUrl: () => string | undefined;
  mode: 'local' | 'cloud';
  /**
   * User IDs nobody may register: the IM app admin that REST calls send as (its UserSig would speak as the platform).
   */
  reservedUserIds: readonly string[];
  /** The IM app admin account (cloud mode's sender of room signals). */
  imAdmin: string;
  throttle?: SignInThrottle;
}

export class AccountService {
  /** What an unknown user's password is checked against: the same scrypt work as a real account's. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));
  readonly throttle: SignInThrottle;

  constructor(
    private readonly repo: AccountsRepo,
    private readonly o: AccountServiceOptions,
  ) {
    this.throttle = o.throttle ?? new SignInThrottle();
  }

  async create(a: {
    userId: string;
    password: string;
    nickname: string;
  }): Promise<{ userId: string; nickname: string }> {
    const bad = controlCharacterProblem(a.nickname);
    if (bad) throw new HttpError(400, 'invalid_input', refusals.nicknameControl);
    if (this.isReserved(a.userId)) throw new HttpError(409, 'conflict', refusals.userIdReserved);
    if (this.repo.get(a.userId)) throw new HttpError(409, 'conflict', refusals.userIdTaken);
    const passwordHash = await hashPassword(a.password);
    if (!this.repo.create({ userId: a.userId, nickname: a.nickname, passwordHash, balance: 0, guest: false })) {
      throw new HttpError(409, 'conflict', refusals.userIdTaken);
    }
    return { userId: a.userId, nickname: a.nickname };
  }

  /**
   * The same words and the same scrypt work for an unknown user and a wrong password, so user IDs cannot be probed;
   * failures slow the next try per account and per address.
   */
  async signIn(userId: string, password: string, address = ''): Promise<Session> {
    const wait = this.throttle.waitMs(userId, address);
    if (wait > 0) throw new HttpError(429, 'rate_limited', refusals.signInWait(Math.ceil(wait / 1000)));
    const found = this.repo.get(userId);
    const account = found && !found.guest && !this.isReserved(userId) ? found : undefined;
    const ok = await checkPassword(password, account?.passwordHash ?? (await this.decoyHash));
    if (!account || !ok) {
      this.throttle.failed(userId, address);
      throw new HttpError(401, 'unauthorized', refusals.wrongPassword);
    }
    this.throttle.succeeded(userId);
    return this.issue(account);
  }

  private isReserved(userId: string): boolean {
    return this.o.reservedUserIds.some((r) => r.toLowerCase() === userId.toLowerCase());
  }

  /** One-click guest account (local mode): a fresh user with a starting balance so gifts can be tried. */
  guest(nickname?: string): Session {
    const userId = `guest_${randomBytes(5).toString('hex')}`;
    const name = nickname && !controlCharacterProblem(nickname) ? nickname : `Guest ${userId.slice(6, 10)}`;
    this.repo.create({ userId, nickname: name, passwordHash: '!', balance: this.o.guestBalance, guest: true });
    return this.issue(this.repo.get(userId)!);
  }

  /** A UserSig for the chat, valid a day (a client asks again when it signs in to the chat again). */
  chatCredentials(account: AccountRow): ChatCredentials {
    const now = Math.floor(Date.now() / 1000);
    const expire = Math.min(CHAT_USERSIG_SECONDS, this.o.sessionSeconds);
    const imUrl = this.o.imUrl();
    return {
      userId: account.userId,
      sdkAppId: this.o.sdkAppId,
      userSig: genUserSig(this.o.secretKey, {
        identifier: account.userId,
        sdkAppId: this.o.sdkAppId,
        time: now,
        expire,
      }),
      userSigExpiresAt: now + expire,
      mode: this.o.mode,
      imAdmin: this.o.imAdmin,
      ...(imUrl ? { imUrl } : {}),
    };
  }

  private issue(account: AccountRow): Session {
    const token = randomBytes(24).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    this.repo.addToken(token, account.userId, (now + this.o.sessionSeconds) * 1000);
    const userSig = genUserSig(this.o.secretKey, {
      identifier: account.userId,
      sdkAppId: this.o.sdkAppId,
      time: now,
      expire: this.o.sessionSeconds,
    });
    const imUrl = this.o.imUrl();
    return {
      token,
      userId: account.userId,
      nickname: account.nickname,
      sdkAppId: this.o.sdkAppId,
      userSig,
      userSigExpiresAt: now + this.o.sessionSeconds,
      ...(imUrl ? { imUrl } : {}),
      mode: this.o.mode,
    };
  }

  /** The account behind a bearer token, or undefined. */
  byToken(token: string): AccountRow | undefined {
    if (!token || token.length > 200) return undefined;
    return this.repo.byToken(token);
  }

  /** The account behind an `Authorization: Bearer` header; a plain 401 otherwise. */
  requireBearer(header: string | undefined): AccountRow {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    const account = m?.[1] ? this.byToken(m[1]) : undefined;
    if (!account) throw new HttpError(401, 'unauthorized', refusals.signInFirst);
    return account;
  }

  get(userId: string): AccountRow | undefined {
    return this.repo.get(userId);
  }

  recharge(userId: string, amount: number): number {
    return this.repo.recharge(userId, amount);
  }
}
