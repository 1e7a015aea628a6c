// Failed sign-ins slow the next try, per account and per address: the first few cost nothing, then every further
// failure doubles the wait. A success clears its account. Both maps are bounded, the oldest forgotten first.

/** Failures an account may have before it must wait. */
export const ACCOUNT_FREE_FAILURES = 5;
/** Failures one address may have (over any accounts) before it must wait: higher, as a NAT hides many people. */
export const ADDRESS_FREE_FAILURES = 20;
/** The first wait; each failure after it doubles, up to the longest. */
export const FIRST_WAIT_MS = 1000;
export const LONGEST_WAIT_MS = 15 * 60_000;
/** At most this many accounts and addresses are remembered: a flood of invented names cannot grow the platform. */
export const MAX_TRACKED_SIGN_IN_KEYS = 10_000;

interface Failures {
  count: number;
  /** No attempt before this (unix ms). */
  until: number;
  last: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How long the caller must still wait (ms), 0 when it may try. */
  waitMs(account: string, address: string): number {
    const t = this.now();
    let wait = 0;
    for (const key of this.keys(account, address)) {
      const f = this.current(key, t);
      if (f) wait = Math.max(wait, f.until - t);
    }
    return Math.max(0, wait);
  }

  failed(account: string, address: string): void {
    const t = this.now();
    const [accountKey, addressKey] = this.keys(account, address);
    this.count(accountKey, ACCOUNT_FREE_FAILURES, t);
    this.count(addressKey, ADDRESS_FREE_FAILURES, t);
  }

  succeeded(account: string): void {
    this.failures.delete(this.keys(account, '')[0]);
  }

  /** How many accounts and addresses are remembered now. */
  get tracked(): number {
    return this.failures.size;
  }

  private keys(account: string, address: string): [string, string] {
    return [`account\u0000${account.toLowerCase()}`, `address\u0000${address}`];
  }

  /** A record older than the longest wait twice over has served its time and is forgotten. */
  private current(key: string, t: number): Failures | undefined {
    const f = this.failures.get(key);
    if (f && t - f.last > 2 * LONGEST_WAIT_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  private count(key: string, free: number, t: number): void {
    const f = this.current(key, t) ?? { count: 0, until: 0, last: t };
    f.count++;
    f.last = t;
    if (f.count >= free) f.until = t + Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (f.count - free));
    this.failures.delete(key); // re-inserted last: the map's order is oldest first
    this.failures.set(key, f);
    while (this.failures.size > MAX_TRACKED_SIGN_IN_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }
}
