// pk.* handlers: thin lines into the PK service; the platform's refusals arrive as StudioErrors in plain words.
import type { HandlersFor } from '../api';
import type { CallName } from '../contract';
import type { PkService } from './pkService';

type PkCall = Extract<CallName, `pk.${string}`>;

export function pkHandlers(pk: PkService): HandlersFor<PkCall> {
  const done = { ok: true as const };
  return {
    'pk.state': () => pk.state(),
    'pk.liveVjs': async () => ({ vjs: await pk.liveVjs() }),
    'pk.invite': async (i) => (await pk.invite(i.roomId), done),
    'pk.answerInvite': async (i) => (await pk.answerInvite(i.inviteId, i.answer), done),
    'pk.unlink': async (i) => (await pk.unlink(i.linkId), done),
    'pk.startBattle': async (i) => (await pk.startBattle(i.linkId, i.durationSec), done),
    'pk.answerBattle': async (i) => (await pk.answerBattle(i.battleId, i.answer), done),
    'pk.battles': async (i) => ({ battles: await pk.battles(i.roomId) }),
  };
}
