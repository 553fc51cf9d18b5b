import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { handToPostgres, isRoot } from './postgres.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODEL = path.join(root, 'deploy/pgbouncer.ini');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PGBOUNCER, else Debian's /usr/sbin/pgbouncer, else one on PATH; undefined when none is installed. */
export function pgbouncerBinary(): string | undefined {
  if (process.env.PGBOUNCER) return process.env.PGBOUNCER;
  const dirs = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(path.delimiter)].filter(Boolean);
  return dirs.map((d) => path.join(d, 'pgbouncer')).find((f) => existsSync(f));
}

/** `[major, minor]` of the installed PgBouncer. */
export async function pgbouncerVersion(bin: string): Promise<[number, number]> {
  const { stdout } = await run(bin, ['--version']);
  const m = /PgBouncer (\d+)\.(\d+)/.exec(stdout);
  if (!m) throw new Error(`no PgBouncer version in: ${stdout}`);
  return [Number(m[1]), Number(m[2])];
}

/** 1.21 is the first PgBouncer that tracks named prepared statements in transaction pooling (max_prepared_statements). */
export const tracksPreparedStatements = ([major, minor]: [number, number]) => major > 1 || (major === 1 && minor >= 21);

/** The [pgbouncer] settings of deploy/pgbouncer.ini, in order: the model the topology and the tests run. */
async function modelSettings(): Promise<[string, string][]> {
  const settings: [string, string][] = [];
  let section = '';
  for (const raw of (await readFile(MODEL, 'utf8')).split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    if (section === 'pgbouncer' && eq > 0) settings.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return settings;
}

const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;

export interface Bouncer {
  /** `server` with PgBouncer's address in place of the server's: what the nodes connect to. */
  url: string;
  /** Whether the app may keep its named prepared statements through it (DATABASE_NAMED_STATEMENTS). */
  namedStatements: boolean;
  stop(): Promise<void>;
}

/**
 * PgBouncer on a loopback port in front of the PostgreSQL server at `serverUrl`, with
 * deploy/pgbouncer.ini's settings (transaction pooling, pool sizes), its addresses and files
 * replaced by the ones under `dir`. Clients log in as they would to the server (the same role and
 * password: scram when the URL has a password, trust when it has none).
 */
export async function startPgbouncer(dir: string, port: number, serverUrl: string): Promise<Bouncer> {
  const bin = pgbouncerBinary();
  if (!bin) throw new Error('PgBouncer is not installed (apt-get install pgbouncer, or set PGBOUNCER)');
  const version = await pgbouncerVersion(bin);
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username || 'postgres');
  const password = decodeURIComponent(server.password);
  const database = server.pathname.slice(1) || user;
  await handToPostgres(dir);
  const authFile = path.join(dir, 'userlist.txt');
  const file = path.join(dir, 'pgbouncer.ini');
  const overrides: Record<string, string> = {
    listen_addr: '127.0.0.1',
    listen_port: String(port),
    unix_socket_dir: '',
    auth_type: password ? 'scram-sha-256' : 'trust',
    auth_file: authFile,
    logfile: path.join(dir, 'pgbouncer.log'),
    pidfile: '',
  };
  const settings = (await modelSettings())
    // Older PgBouncers refuse the settings they do not know.
    .filter(([key]) => key !== 'max_prepared_statements' || tracksPreparedStatements(version))
    .filter(([key]) => !(key in overrides));
  const target = [`host=${server.hostname}`, `port=${server.port || '5432'}`, `dbname=${database}`].join(' ');
  await writeFile(
    file,
    [
      '; written by scripts/topology/pgbouncer.ts from deploy/pgbouncer.ini',
      '[databases]',
      `${database} = ${target}`,
      '',
      '[pgbouncer]',
      ...settings.map(([k, v]) => `${k} = ${v}`),
      ...Object.entries(overrides).map(([k, v]) => `${k} = ${v}`),
      '',
    ].join('\n'),
  );
  // Plain text: PgBouncer then answers scram itself and logs in to the server with the same password.
  await writeFile(authFile, `${quoted(user)} ${quoted(password)}\n`, { mode: 0o600 });
  if (isRoot()) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    for (const f of [file, authFile]) await chown(f, Number(uid), Number(gid));
  }

  // PgBouncer refuses to run as root: as root it runs as the postgres user, in a process group of
  // its own (Ctrl-C reaches the topology script, which stops it after the nodes).
  const argv = isRoot() ? ['runuser', '-u', 'postgres', '--', bin, file] : [bin, file];
  const child: ChildProcess = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: PgBouncer closes every connection at once (the nodes are already stopped).
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      const logged = await readFile(overrides.logfile as string, 'utf8').catch(() => '');
      throw new Error(`PgBouncer exited (${child.exitCode}):\n${log}\n${logged.slice(-4000)}`);
    }
    if (await accepts(port)) break;
    if (i > 100) {
      await stop();
      throw new Error(`PgBouncer did not listen on ${port}:\n${log}`);
    }
    await sleep(100);
  }
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.toString(), namedStatements: tracksPreparedStatements(version), stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
