// Driving a studio built by createStudio from a test, as the UI would: its calls through the router, and
// waiting for a condition by polling (never a fixed sleep: the machine may be loaded).
import type { Studio } from '../main/app';
import { sleep } from './platform';

const ctx = { transport: 'internal' as const, peer: 'test' };

/** A studio call's value, or an Error naming the call and the studio's refusal. */
export async function callStudio<T = unknown>(studio: Studio, name: string, input: unknown = {}): Promise<T> {
  const reply = await studio.router.dispatch(name, input, ctx);
  if (!reply.ok) throw new Error(`${name}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

/** Polls `read` every 100 ms until it gives something truthy; fails naming `what` after the timeout. */
export async function until<T>(what: string, read: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
