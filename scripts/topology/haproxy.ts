import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEMPLATE = path.join(root, 'deploy/haproxy.cfg');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** HAPROXY, else Debian's /usr/sbin/haproxy, else one on PATH; undefined when none is installed. */
export function haproxyBinary(): string | undefined {
  if (process.env.HAPROXY) return process.env.HAPROXY;
  const dirs = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(path.delimiter)].filter(Boolean);
  return dirs.map((d) => path.join(d, 'haproxy')).find((f) => existsSync(f));
}

/** deploy/haproxy.cfg with its {{…}} fields filled in. */
export async function haproxyConfig(fields: { bind: string; statsBind: string; servers: { name: string; address: string }[] }) {
  const template = await readFile(TEMPLATE, 'utf8');
  const servers = fields.servers.map((s) => `    server ${s.name} ${s.address} check`).join('\n');
  const values: Record<string, string> = { BIND: fields.bind, STATS_BIND: fields.statsBind, SERVERS: servers };
  // The header's comments name the fields too; they stay as they are.
  return template
    .split('\n')
    .map((line) =>
      line.trimStart().startsWith('#') ? line : line.replace(/\{\{(\w+)\}\}/g, (field, name: string) => values[name] ?? field),
    )
    .join('\n');
}

export interface Balancer {
  url: string;
  statsUrl: string;
  /** How many of the servers HAProxy counts UP now (from its stats CSV). */
  upServers(): Promise<number>;
  /** HAProxy's process, for a benchmark's CPU figures. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** HAProxy in the foreground (-db) on loopback, balancing over the given nodes with the template's health checks. */
export async function startHaproxy(
  dir: string,
  ports: { frontend: number; stats: number },
  servers: { name: string; address: string }[],
): Promise<Balancer> {
  const bin = haproxyBinary();
  if (!bin) throw new Error('HAProxy is not installed (apt-get install haproxy, or set HAPROXY)');
  const file = path.join(dir, 'haproxy.cfg');
  await writeFile(file, await haproxyConfig({ bind: `127.0.0.1:${ports.frontend}`, statsBind: `127.0.0.1:${ports.stats}`, servers }));
  const check = spawn(bin, ['-c', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let checkLog = '';
  for (const out of [check.stdout, check.stderr])
    out?.on('data', (b: Buffer) => {
      checkLog += b.toString();
    });
  const valid = await new Promise<number | null>((resolve) => check.once('exit', resolve));
  if (valid !== 0) throw new Error(`haproxy -c refused ${file}:\n${checkLog}`);

  const child: ChildProcess = spawn(bin, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${ports.frontend}`;
  const statsUrl = `http://127.0.0.1:${ports.stats}`;
  const upServers = async () => {
    const csv = await (await fetch(`${statsUrl}/;csv`)).text();
    return csv.split('\n').filter((l) => l.startsWith('lsc_nodes,') && !l.startsWith('lsc_nodes,BACKEND') && l.split(',')[17] === 'UP')
      .length;
  };
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${log}`);
    if ((await upServers().catch(() => -1)) === servers.length) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not see every node UP within 30 s:\n${log}`);
    }
    await sleep(100);
  }
  return {
    url,
    statsUrl,
    upServers,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      // SIGUSR1 is HAProxy's soft stop (finishes what is in flight); the nodes are gone by then anyway.
      child.kill('SIGTERM');
      await exited;
    },
  };
}
