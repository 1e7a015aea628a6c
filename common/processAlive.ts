// Whether a process still runs, for sweeping folders that processes which died (killed, crashed) left behind.

/** Whether process `pid` still runs (signal 0 only asks; a process of another user answers EPERM). */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
