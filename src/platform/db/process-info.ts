import { readFile } from 'node:fs/promises';

/** What the system says about other processes (Linux /proc; elsewhere only whether they live). */

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is only someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function statFields(pid: number): Promise<string[] | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // The command name (field 2) is in parentheses and may contain spaces: count from its end.
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : null;
}

/**
 * Alive and not a zombie: a process killed with SIGKILL stays in the table, dead, until its parent
 * collects it, and signal 0 still reaches it there.
 */
export async function isRunning(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const state = (await statFields(pid))?.[0];
  return state !== 'Z' && state !== 'X';
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/PID/stat): with the pid it
 * names one process for good, where a pid alone may be reused after a crash. Null where there is
 * no /proc.
 */
export async function startTicks(pid: number): Promise<string | null> {
  return (await statFields(pid))?.[19] ?? null;
}

export async function parentPid(pid: number): Promise<number | null> {
  const ppid = Number((await statFields(pid))?.[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}

/** The command line, for messages ("node bin/lsc.mjs start"); empty when it cannot be read. */
export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0').filter(Boolean).join(' ').slice(0, 200);
}

/** "pid 123 (node bin/lsc.mjs start)", or "pid 123" when its command line is not readable. */
export async function describeProcess(pid: number): Promise<string> {
  const cmd = await commandLine(pid);
  return cmd ? `pid ${pid} (${cmd})` : `pid ${pid}`;
}
