import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../contract';
import { installCrashGuard, MAX_FAULT_NOTICES_PER_MINUTE } from '../system';
import { openFileLog } from './fileLog';

describe('the crash guard', () => {
  it('logs every stray fault with its stack and tells the VJ, at most a few times a minute', () => {
    const target = new EventEmitter();
    const logged: string[] = [];
    const notices: EventPayload<'system.notice'>[] = [];
    let t = 0;
    const unguard = installCrashGuard({
      target,
      log: (l) => logged.push(l),
      notify: (n) => notices.push(n),
      logPlace: '/data/logs/studio.log',
      now: () => t,
    });
    for (let i = 0; i < 10; i++) target.emit('uncaughtException', new Error(`fault ${i}`));
    target.emit('unhandledRejection', 'a bare string');
    expect(logged).toHaveLength(11);
    expect(logged[0]).toMatch(/^stray exception \(the studio keeps running\): Error: fault 0\n\s+at /);
    expect(logged[10]).toBe('stray promise rejection (the studio keeps running): a bare string');
    expect(notices).toHaveLength(MAX_FAULT_NOTICES_PER_MINUTE);
    expect(notices[0]).toMatchObject({ level: 'error', code: 'internal_fault' });
    expect(notices[0]!.message).toContain('Something went wrong inside the studio (Error: fault 0)');
    expect(notices[0]!.message).toContain('/data/logs/studio.log');
    expect(notices[0]!.message).toContain('工作室内部出错');
    t += 60_000;
    target.emit('unhandledRejection', new Error('a minute later'));
    expect(notices).toHaveLength(MAX_FAULT_NOTICES_PER_MINUTE + 1);
    unguard();
    expect(target.listenerCount('uncaughtException') + target.listenerCount('unhandledRejection')).toBe(0);
  });

  it("keeps the headless host's log bounded, moving a full log aside", () => {
    const dir = mkdtempSync(join(tmpdir(), 'file-log-'));
    const log = openFileLog(dir, 200);
    for (let i = 0; i < 10; i++) log.write(`line ${i} ${'x'.repeat(40)}`);
    expect(readFileSync(log.path, 'utf8').length).toBeLessThanOrEqual(200);
    expect(readFileSync(log.path, 'utf8')).toContain('line 9');
    expect(existsSync(join(dir, 'logs', 'studio.old.log'))).toBe(true);
  });
});
