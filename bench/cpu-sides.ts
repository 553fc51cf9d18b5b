import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Two sides of one machine, each held to CPUs of its own with `taskset`: what runs on two machines
 * in a deployment (a loaded primary, a reporting replica) then cannot take the other's cores here.
 * Null where that cannot be done (one CPU, no taskset): the bench then says its sides share.
 */
export interface CpuSides {
  /** "0" and "1" on two CPUs; the lower and upper halves on more. */
  load: string;
  read: string;
  /** Holds a process, all its threads and whatever it forks later, to one side. */
  pin(pid: number, cpus: string): Promise<void>;
  /** A PostgreSQL cluster: its postmaster (new backends inherit) and the processes it has already forked. */
  pinCluster(dataDir: string, cpus: string): Promise<void>;
}

export function cpuSides(): CpuSides | null {
  const cpus = availableParallelism();
  if (cpus < 2 || !existsSync('/usr/bin/taskset')) return null;
  const half = Math.floor(cpus / 2);
  const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);
  const pin = async (pid: number, set: string) => {
    await run('taskset', ['-a', '-p', '-c', set, String(pid)]);
  };
  return {
    load: range(0, half - 1),
    read: range(half, cpus - 1),
    pin,
    async pinCluster(dataDir, set) {
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const { stdout } = await run('pgrep', ['-P', String(postmaster)]).catch(() => ({ stdout: '' }));
      for (const pid of [postmaster, ...stdout.split('\n').filter(Boolean).map(Number)]) await pin(pid, set);
    },
  };
}
