import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The Debian PostgreSQL server's binaries: PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
export function postgresBinaries(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(base, v, 'bin/pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(base, majors[0], 'bin') : undefined;
}

export const isRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
async function pgTool(bin: string, tool: string, args: string[], env: Record<string, string> = {}) {
  const file = path.join(bin, tool);
  const argv = isRoot() ? ['runuser', '-u', 'postgres', '--', file, ...args] : [file, args].flat();
  // A session of its own (setsid): the terminal's Ctrl-C reaches the topology script, which stops
  // the nodes first and the database last, not every process at once.
  return run('setsid', ['-w', ...argv], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
}

/** The postgres user owns the cluster folders and must pass through every folder above them. */
export async function handToPostgres(dir: string) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!isRoot()) return;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(stdout), Number(gid));
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = (await stat(d)).mode & 0o7777;
    if ((mode & 0o001) === 0) await chmod(d, mode | 0o001);
  }
}

export interface Cluster {
  dir: string;
  port: number;
  stop(): Promise<void>;
}

async function startCluster(bin: string, dir: string, port: number): Promise<Cluster> {
  await pgTool(bin, 'pg_ctl', ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
  return {
    dir,
    port,
    async stop() {
      await pgTool(bin, 'pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']).catch(() => {});
    },
  };
}

export interface ReplicatedPostgres {
  /** The app's role on the primary (reads and writes). */
  primaryUrl: string;
  /** The same role on the hot standby (read only, a little behind). */
  replicaUrl: string;
  /** The superuser on the primary, over its unix socket (pgbench, checks). */
  adminEnv: Record<string, string>;
  primary: Cluster;
  standby: Cluster;
  /** Bytes of WAL the standby has yet to replay; 0 once it caught up. */
  replicationLag(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL primary and a hot standby streaming from it, both on loopback under `dir`: what a
 * production database pair is, made with the server's own tools (initdb, pg_basebackup -R,
 * pg_ctl). The app connects with a role of its own (no superuser) and a password; replication
 * has a role of its own; the superuser is reachable only over the cluster's unix socket.
 */
export async function startReplicatedPostgres(dir: string, ports: { primary: number; standby: number }): Promise<ReplicatedPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('No PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN)');
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const socketDir = path.join(dir, 'sockets');
  for (const d of [primaryDir, standbyDir, socketDir]) await handToPostgres(d);
  const appPassword = randomBytes(18).toString('base64url');
  const replicationPassword = randomBytes(18).toString('base64url');

  await pgTool(bin, 'initdb', [
    '-D',
    primaryDir,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await appendFile(
    path.join(primaryDir, 'postgresql.conf'),
    [
      '',
      '# scripts/topology: loopback only, a primary that a hot standby streams from',
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'hot_standby = on',
      'max_connections = 200',
      '',
    ].join('\n'),
  );
  const primary = await startCluster(bin, primaryDir, ports.primary);
  const admin = new pg.Client({ host: socketDir, port: ports.primary, user: 'postgres', database: 'postgres' });
  try {
    await admin.connect();
    await admin.query(`create role lsc login password '${appPassword}'`);
    await admin.query(`create role replicator replication login password '${replicationPassword}'`);
    await admin.query('create database lsc owner lsc');
  } catch (e) {
    await primary.stop();
    throw e;
  } finally {
    await admin.end().catch(() => {});
  }

  let standby: Cluster;
  try {
    // -R writes primary_conninfo and standby.signal: the copy starts as a standby of the primary.
    await pgTool(
      bin,
      'pg_basebackup',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(ports.primary),
        '-U',
        'replicator',
        '-D',
        standbyDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
      ],
      { PGPASSWORD: replicationPassword },
    );
    await writeFile(path.join(standbyDir, 'server.log'), '');
    if (isRoot()) await run('chown', ['postgres:postgres', path.join(standbyDir, 'server.log')]);
    standby = await startCluster(bin, standbyDir, ports.standby);
  } catch (e) {
    await primary.stop();
    throw e;
  }

  const url = (port: number) => `postgres://lsc:${appPassword}@127.0.0.1:${port}/lsc`;
  return {
    primaryUrl: url(ports.primary),
    replicaUrl: url(ports.standby),
    adminEnv: { PGHOST: socketDir, PGPORT: String(ports.primary), PGUSER: 'postgres', PGDATABASE: 'lsc' },
    primary,
    standby,
    async replicationLag() {
      const c = new pg.Client({ host: socketDir, port: ports.primary, user: 'postgres', database: 'postgres' });
      await c.connect();
      try {
        const r = await c.query<{ lag: string | null }>(
          'select (pg_current_wal_lsn() - replay_lsn)::bigint::text as lag from pg_stat_replication limit 1',
        );
        return Number(r.rows[0]?.lag ?? Number.NaN);
      } finally {
        await c.end();
      }
    },
    async stop() {
      await standby.stop();
      await primary.stop();
    },
  };
}
