// cohost.* handlers: thin lines into the co-host service; its refusals become StudioErrors in plain words.
import type { HandlersFor } from '../api';
import { StudioError, type CallName } from '../contract';
import { CohostError } from './cohostController';
import type { CohostService } from './cohostService';

type CohostCall = Extract<CallName, `cohost.${string}`>;

const codes: Record<CohostError['code'], string> = {
  full: 'conflict',
  busy: 'conflict',
  not_found: 'not_found',
  invalid_state: 'conflict',
};

async function plain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CohostError) throw new StudioError(codes[e.code], e.words);
    throw e;
  }
}

export function cohostHandlers(c: CohostService): HandlersFor<CohostCall> {
  const done = { ok: true as const };
  return {
    'cohost.list': () => c.state(),
    'cohost.invite': (i) => plain(() => c.invite(i.userId, i.nickname)),
    'cohost.cancel': (i) => plain(async () => (await c.cancel(i.userId), done)),
    'cohost.acceptRequest': (i) => plain(async () => (await c.acceptRequest(i.userId), done)),
    'cohost.declineRequest': (i) => plain(async () => (await c.decline(i.userId), done)),
    'cohost.remove': (i) => plain(async () => (await c.remove(i.userId), done)),
    'cohost.mute': (i) => plain(async () => (await c.setMuted(i.userId, i.muted), done)),
    'cohost.setLayout': (i) => plain(async () => (await c.setLayout(i.layout), done)),
  };
}
