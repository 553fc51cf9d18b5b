import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { type Balancer, startHaproxy } from './haproxy.js';
import { type LscNode, lscNode } from './node.js';
import { type Bouncer, startPgbouncer } from './pgbouncer.js';
import { freePort } from './ports.js';
import { type ReplicatedPostgres, startReplicatedPostgres } from './postgres.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TopologyOptions {
  /** How many `lsc start` nodes behind HAProxy (3). */
  nodes?: number;
  /** An existing database instead of a primary and standby of the topology's own (tests on the suite's database). */
  database?: { primaryUrl: string; replicaUrl?: string };
  /**
   * PgBouncer (deploy/pgbouncer.ini: transaction pooling) between the nodes and the primary
   * (false). Migrations and seeding still go to the primary directly, as in production.
   */
  pgbouncer?: boolean;
  /** Load the demo data (true). */
  seed?: boolean;
  /** More environment for every node (rate limits of a benchmark, …). */
  env?: Record<string, string>;
  /** Print the nodes' standard error, prefixed with their names. */
  output?: 'inherit' | 'quiet';
  /** Where the clusters and the shared data folder go; a temporary folder (removed at stop) by default. */
  dir?: string;
  /** Aborted while starting (Ctrl-C): what was started is stopped at the next step, and the start fails. */
  signal?: AbortSignal;
}

export interface Topology {
  /** HAProxy: where clients connect. */
  url: string;
  /** HAProxy's stats page. */
  statsUrl: string;
  balancer: Balancer;
  nodes: LscNode[];
  primaryUrl: string;
  replicaUrl: string | undefined;
  /** PgBouncer's address, the nodes' DATABASE_URL, when it runs. */
  bouncerUrl: string | undefined;
  postgres: ReplicatedPostgres | undefined;
  /** The data folder every node shares: the secrets and (without an object store) the download files. */
  dataDir: string;
  stop(): Promise<void>;
}

/** Nodes leave HAProxy's rotation this long before they stop listening: more than its checks' inter × fall (0.5 s × 2). */
export const SHUTDOWN_DELAY_SECONDS = 2;

/**
 * The multi-node topology on loopback: a PostgreSQL primary with a hot standby, the schema and the
 * demo data, optionally PgBouncer in front of the primary, N `lsc start` nodes sharing one data folder (the secrets, made once before any node
 * starts, and the files), and HAProxy in front balancing round robin on /api/health/ready.
 * `stop` takes them down in the reverse order: balancer, nodes (draining), database.
 */
export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const count = options.nodes ?? 3;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'lsc-topology-')));
  const dataDir = path.join(dir, 'data');
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error(e));
    cleanups.length = 0;
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  };
  try {
    let postgres: ReplicatedPostgres | undefined;
    let primaryUrl = options.database?.primaryUrl;
    let replicaUrl = options.database?.replicaUrl;
    if (!primaryUrl) {
      postgres = await startReplicatedPostgres(path.join(dir, 'pg'), { primary: await freePort(), standby: await freePort() });
      cleanups.push(() => postgres?.stop() ?? Promise.resolve());
      primaryUrl = postgres.primaryUrl;
      replicaUrl = postgres.replicaUrl;
    }

    options.signal?.throwIfAborted();
    // The secrets are made once here: nodes starting side by side would each make their own.
    await loadSecrets(loadConfig({ DATA_DIR: dataDir }));
    const once = { ...process.env, DATABASE_URL: primaryUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    await run(process.execPath, [path.join(root, 'bin/lsc.mjs'), options.seed === false ? 'migrate' : 'seed'], { cwd: root, env: once });

    options.signal?.throwIfAborted();
    let bouncer: Bouncer | undefined;
    if (options.pgbouncer) {
      bouncer = await startPgbouncer(path.join(dir, 'pgbouncer'), await freePort(), primaryUrl);
      cleanups.push(() => bouncer?.stop() ?? Promise.resolve());
    }

    options.signal?.throwIfAborted();
    const frontend = await freePort();
    const stats = await freePort();
    const url = `http://127.0.0.1:${frontend}`;
    const env: Record<string, string> = {
      DATABASE_URL: bouncer?.url ?? primaryUrl,
      ...(bouncer && !bouncer.namedStatements ? { DATABASE_NAMED_STATEMENTS: 'false' } : {}),
      ...(replicaUrl ? { DATABASE_REPLICA_URL: replicaUrl } : {}),
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      // With demo data, SEED_DEMO also writes the demo files' bytes into the store on start (each
      // node may; they settle it between them). The data itself is there already: nothing is seeded twice.
      SEED_DEMO: options.seed === false ? 'false' : 'true',
      TRUST_PROXY: '127.0.0.1',
      SHUTDOWN_DELAY_SECONDS: String(SHUTDOWN_DELAY_SECONDS),
      SHUTDOWN_GRACE_SECONDS: '60',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const nodes: LscNode[] = [];
    for (let i = 1; i <= count; i++) nodes.push(lscNode(`node${i}`, await freePort(), env, options.output));
    cleanups.push(() => Promise.all(nodes.map((n) => n.stop())));
    await Promise.all(nodes.map((n) => n.start()));
    options.signal?.throwIfAborted();

    const balancer = await startHaproxy(
      dir,
      { frontend, stats },
      nodes.map((n) => ({ name: n.name, address: `127.0.0.1:${n.port}` })),
    );
    cleanups.push(() => balancer.stop());
    options.signal?.throwIfAborted();
    return {
      url,
      statsUrl: balancer.statsUrl,
      balancer,
      nodes,
      primaryUrl,
      replicaUrl,
      bouncerUrl: bouncer?.url,
      postgres,
      dataDir,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
