// Keeps a host alive through a stray exception or promise rejection mid-show: each is logged with its stack and the
// VJ is told in plain words (system.notice), while the push and recording, which own their sockets and processes,
// go on. Notices are bounded so a fault that repeats every frame cannot flood the studio window.
import type { EventPayload } from '../contract';

/** At most this many notices a minute; every fault is still logged. */
export const MAX_FAULT_NOTICES_PER_MINUTE = 3;

export interface CrashGuardOptions {
  /** Where the full report goes (electron-log in the shell, a log file in the headless host). */
  log: (line: string) => void;
  /** The VJ's notice (the studio's bus once it exists). */
  notify: (notice: EventPayload<'system.notice'>) => void;
  /** Where the VJ can read the full report, named in the notice. */
  logPlace: string;
  /** The process to guard (tests hand their own emitter). */
  target?: NodeJS.EventEmitter;
  now?: () => number;
}

function describeFault(fault: unknown): { line: string; stack: string } {
  if (fault instanceof Error)
    return { line: `${fault.name}: ${fault.message}`.split('\n')[0]!, stack: fault.stack ?? String(fault) };
  const text = typeof fault === 'string' ? fault : (JSON.stringify(fault) ?? String(fault));
  return { line: text.split('\n')[0]!.slice(0, 200), stack: text };
}

export function installCrashGuard(o: CrashGuardOptions): () => void {
  const target = o.target ?? process;
  const now = o.now ?? Date.now;
  let windowStart = 0;
  let noticesInWindow = 0;
  const handle = (kind: 'exception' | 'rejection') => (fault: unknown) => {
    const { line, stack } = describeFault(fault);
    o.log(`stray ${kind === 'exception' ? 'exception' : 'promise rejection'} (the studio keeps running): ${stack}`);
    const t = now();
    if (t - windowStart >= 60_000) {
      windowStart = t;
      noticesInWindow = 0;
    }
    if (++noticesInWindow > MAX_FAULT_NOTICES_PER_MINUTE) return;
    try {
      o.notify({
        level: 'error',
        code: 'internal_fault',
        message:
          `Something went wrong inside the studio (${line}). The show goes on: the push and the recording were not ` +
          `touched. The details are in ${o.logPlace}. / 工作室内部出错（${line}）。直播继续：推流和录制未受影响。详情见 ${o.logPlace}。`,
      });
    } catch (err) {
      o.log(`telling the VJ about a fault failed: ${(err as Error).message}`);
    }
  };
  const onException = handle('exception');
  const onRejection = handle('rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
