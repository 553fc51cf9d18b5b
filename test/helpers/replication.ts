import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup'];

/**
 * The PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup): POSTGRES_BIN_DIR, else the newest
 * Debian server package's. Null when there are none: the replication tests are skipped then.
 */
export function postgresBinaries(): string | null {
  const given = process.env.POSTGRES_BIN_DIR;
  const debian = '/usr/lib/postgresql';
  const candidates = given
    ? [given]
    : existsSync(debian)
      ? readdirSync(debian)
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => path.join(debian, v, 'bin'))
      : [];
  return candidates.find((dir) => TOOLS.every((t) => existsSync(path.join(dir, t)))) ?? null;
}

export interface ReplicationPair {
  primaryPort: number;
  standbyPort: number;
  /** The superuser's URL of a server of the pair (trust on loopback). */
  url(port: number): string;
  /** The folder of both clusters and their logs. */
  dir: string;
  /** `pg_ctl promote`: the standby becomes a primary (waits until it accepts writes). */
  promote(): Promise<void>;
  /** A fast shutdown of the primary: its sessions are ended, its WAL sent to the standby first. */
  stopPrimary(): Promise<void>;
  /** Stops whatever still runs and removes the folders. */
  stop(): Promise<void>;
}

/**
 * A primary and a hot standby streaming from it, each a cluster of its own in a temporary folder on
 * a free loopback port: initdb (wal_level=replica), pg_basebackup -R, pg_ctl start. PostgreSQL
 * refuses to run as root, so as root every command runs as the `postgres` user (runuser).
 * `settings` go into both servers' postgresql.conf (fsync=off by default: throwaway clusters).
 */
export async function startReplicationPair(bin: string, settings: Record<string, string> = { fsync: 'off' }): Promise<ReplicationPair> {
  const asRoot = userInfo().uid === 0;
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]) : run(path.join(bin, name), args);
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-replication-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const conf = (port: number) =>
    `${[
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'hot_standby = on',
      ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`),
    ].join('\n')}\n`;
  const started = new Set<string>();
  const stopCluster = async (data: string, mode: 'fast' | 'immediate') => {
    if (!started.has(data)) return;
    started.delete(data);
    await tool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => {});
  };
  try {
    await tool('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Later lines win in postgresql.conf: the defaults initdb wrote stay, these override them.
    await appendFile(path.join(primary, 'postgresql.conf'), conf(primaryPort));
    await tool('pg_ctl', ['-D', primary, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
    started.add(primary);
    // initdb's pg_hba.conf trusts replication connections from 127.0.0.1 with --auth=trust.
    await tool('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standby,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    await appendFile(path.join(standby, 'postgresql.conf'), `port = ${standbyPort}\n`);
    await tool('pg_ctl', ['-D', standby, '-l', path.join(dir, 'standby.log'), '-w', 'start']);
    started.add(standby);
  } catch (e) {
    await stopCluster(standby, 'immediate');
    await stopCluster(primary, 'immediate');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    primaryPort,
    standbyPort,
    dir,
    url: (port) => `postgres://postgres@127.0.0.1:${port}/postgres`,
    async promote() {
      await tool('pg_ctl', ['-D', standby, '-w', 'promote']);
    },
    async stopPrimary() {
      await stopCluster(primary, 'fast');
    },
    async stop() {
      await stopCluster(standby, 'immediate');
      await stopCluster(primary, 'immediate');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
