// account.*, session.* and history.*: thin lines into the session services.
import type { HandlersFor } from '../api';
import type { CallName } from '../contract';
import type { AccountService } from './accountService';
import type { BandwidthTester } from './bandwidthTest';
import type { BroadcastSession } from './broadcastSession';
import type { HistoryService } from './historyService';

/** What the session's handlers reach: the account, the broadcast, its history and the bandwidth test. */
export interface SessionServices {
  account: AccountService;
  session: BroadcastSession;
  history: HistoryService;
  bandwidth: BandwidthTester;
  log: (line: string) => void;
}

type SessionCall = Extract<CallName, `account.${string}` | `session.${string}` | `history.${string}`>;

export function sessionHandlers(s: SessionServices): HandlersFor<SessionCall> {
  return {
    'account.state': () => s.account.state(),
    'account.create': (i) => s.account.create(i),
    'account.signIn': (i) => s.account.signIn(i),
    'account.signOut': () => {
      if (s.session.state().phase === 'live') s.log('signing out while live: the broadcast goes on until it is ended');
      return s.account.signOut();
    },
    'account.setMode': (i) => s.account.setMode(i.mode, i.serverUrl),
    'session.state': () => s.session.state(),
    'session.goLive': (i) => s.session.goLive(i.title, i.record),
    'session.resume': () => s.session.resume(),
    'session.dismissRecovery': () => s.session.dismissRecovery(),
    'session.end': () => s.session.end(),
    'session.startRecording': () => s.session.startRecording(),
    'session.stopRecording': () => s.session.stopRecording(),
    'session.setMic': (i) => s.session.setMic(i.muted),
    'session.setCamera': (i) => s.session.setCamera(i.off),
    'session.acknowledge': () => s.session.acknowledge(),
    'session.testBandwidth': (i) => s.bandwidth.run(i),
    'history.list': (i) => s.history.list(i.sort, i.direction),
    'history.get': (i) => s.history.get(i.id),
    'history.exportCsv': () => s.history.exportCsv(),
  };
}
