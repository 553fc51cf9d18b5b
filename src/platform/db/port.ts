import { existsSync } from 'node:fs';
import { readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describeProcess } from './process-info.js';

/** The port given is taken, and it was asked for by name (EMBEDDED_PG_PORT): nothing else will do. */
export class PortInUse extends Error {
  constructor(
    readonly port: number,
    holder: string | null,
  ) {
    super(
      `Port ${port} on 127.0.0.1, asked for by EMBEDDED_PG_PORT, is in use${holder ? ` by ${holder}` : ' by another program'}. ` +
        'Choose another port, or leave EMBEDDED_PG_PORT unset: each data folder then gets a free port of its own.',
    );
    this.name = 'PortInUse';
  }
}

/** Whether 127.0.0.1:port can be listened on right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code !== 'EADDRINUSE' && e.code !== 'EACCES'));
    probe.listen({ port, host: '127.0.0.1' }, () => probe.close(() => resolve(true)));
  });
}

/** A port the system has free now. */
export function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const PORT_FILE = 'pg.port';

/**
 * The embedded PostgreSQL's port: the one asked for (EMBEDDED_PG_PORT), else the data folder's own,
 * chosen free on its first start and kept in DATA_DIR/pg.port, so that two data folders never
 * compete for one port. If something else has taken the kept port since, another is chosen.
 */
export async function portForFolder(folder: string, asked: number | undefined): Promise<number> {
  if (asked !== undefined) {
    if (!(await portIsFree(asked))) throw new PortInUse(asked, await portHolder(asked));
    return asked;
  }
  const file = path.join(folder, PORT_FILE);
  const kept = existsSync(file) ? Number((await readFile(file, 'utf8')).trim()) : Number.NaN;
  if (Number.isInteger(kept) && kept > 0 && kept < 65536 && (await portIsFree(kept))) return kept;
  const port = await anyFreePort();
  await writeFile(file, `${port}\n`);
  return port;
}

/**
 * Who listens on 127.0.0.1:port (or any address), for the message: the socket's inode from
 * /proc/net/tcp, then the process holding it. Null when it cannot be told (another user's process,
 * no /proc).
 */
export async function portHolder(port: number): Promise<string | null> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const row of text.split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      const local = f[1];
      // State 0A is LISTEN; the local address ends in the port in hex.
      if (local && f[3] === '0A' && Number.parseInt(local.split(':')[1] ?? '', 16) === port && f[9]) inodes.add(f[9]);
    }
  }
  if (inodes.size === 0) return null;
  const pids = await readdir('/proc').catch(() => [] as string[]);
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return describeProcess(Number(pid));
    }
  }
  return null;
}
