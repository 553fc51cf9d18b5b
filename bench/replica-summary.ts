import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashPassword } from '../src/platform/auth/password.js';
import { type Database, openDatabase } from '../src/platform/db/client.js';
import { freePort } from '../test/helpers/free-port.js';
import { postgresBinaries, startReplicationPair } from '../test/helpers/replication.js';
import { activationLoadProcess } from './activation-load-process.js';
import { activationLoad, benchKey } from './activations.js';
import { benchServer, sessionCookie } from './bench-server.js';
import { cpuSides } from './cpu-sides.js';
import { loadBenchData } from './license-summary.js';
import { waitForHealth } from './lsc-server.js';
import { percentile, timed } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Fewer lines than the license-summary benchmark's million: the figure here is the load's effect, not the query's size. */
const ORDER_LINES = Number(process.env.BENCH_REPLICA_LINES ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = 40;
const PASSWORD = 'bench-password-1';

/** Until the standby has replayed everything the primary has written so far. */
async function caughtUp(primary: pg.Client, standby: pg.Client) {
  const target = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn;
  for (const until = Date.now() + 120_000; Date.now() < until; ) {
    const { rows } = await standby.query<{ behind: boolean }>('select pg_last_wal_replay_lsn() < $1::pg_lsn as behind', [target]);
    if (!rows[0]?.behind) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the standby did not catch up in time');
}

/** How far the standby's replay is behind the primary's WAL now, in bytes. */
async function walBehind(primary: pg.Client, standby: pg.Client): Promise<number> {
  const target = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn;
  const { rows } = await standby.query<{ bytes: string }>(
    'select greatest(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::text as bytes',
    [target],
  );
  return Number(rows[0]?.bytes ?? 0);
}

/** Durations of License Summary requests made one after another while `busy` runs (the first few unmeasured). */
async function whileBusy(busy: Promise<unknown>, ask: () => Promise<unknown>): Promise<number[]> {
  let done = false;
  void busy.finally(() => {
    done = true;
  });
  for (let i = 0; i < 3; i++) await ask();
  const out: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await ask();
    out.push(performance.now() - t0);
  }
  await busy;
  return out;
}

/**
 * The License Summary's p95 on a node that reads it from a streaming replica, while another node
 * (`lsc start`, a process of its own) takes MAK activations on the primary; next to the same p95
 * without that load, and to a node that reads it from the primary under the same load. Primary and
 * standby are Debian PostgreSQL clusters on this machine (fsync on). A replica is there to put report
 * reads on other hardware, so the machine is split in two with CPU affinity, as two hosts would be:
 * the primary, the loaded node and the load's client on one half; the standby, the reading nodes and
 * the reader on the other. Without taskset or a second CPU everything shares, and the bench says so.
 */
export async function replicaSummaryBench() {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup): install postgresql or set POSTGRES_BIN_DIR');
  const pair = await startReplicationPair(bin, {});
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-replica-'));
  const primaryUrl = pair.url(pair.primaryPort);
  const primary = new pg.Client(primaryUrl);
  const standby = new pg.Client(pair.url(pair.standbyPort));
  let child: ChildProcess | undefined;
  const databases: Database[] = [];
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    // The node taking activations: the real server on the primary, with the demo data (its operator makes the key).
    const port = await freePort();
    const loadBase = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: primaryUrl,
        PORT: String(port),
        DATA_DIR: path.join(dir, 'load-node'),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        ACTIVATION_IP_LIMIT: '100000000',
        ACTIVATION_KEY_LIMIT: '100000000',
      },
    });
    await waitForHealth(loadBase, child);
    const sides = cpuSides();
    if (sides) {
      await sides.pinCluster(path.join(pair.dir, 'primary'), sides.load);
      await sides.pinCluster(path.join(pair.dir, 'standby'), sides.read);
      if (child.pid) await sides.pin(child.pid, sides.load);
      await sides.pin(process.pid, sides.read);
      console.log(`  CPUs ${sides.load}: primary, loaded node, load client · CPUs ${sides.read}: standby, reading nodes, reader`);
    } else console.log('  one CPU side only: primary, standby, nodes and clients share every CPU');
    const loadOn = (productKey: string) =>
      activationLoadProcess(loadBase, productKey, CLIENTS, SECONDS, async (pid) => {
        if (sides) await sides.pin(pid, sides.load);
      });
    await primary.connect();
    await standby.connect();
    const counts = await loadBenchData(primary, await hashPassword(PASSWORD), ORDER_LINES);
    await caughtUp(primary, standby);
    console.log(
      `  ${counts?.lines} order lines over 500 Licensing IDs, replicated; ${CLIENTS} activation clients for ${SECONDS} s per window`,
    );

    const viaReplica = openDatabase(primaryUrl, 10, pair.url(pair.standbyPort));
    const viaPrimary = openDatabase(primaryUrl, 10);
    databases.push(viaReplica, viaPrimary);
    const replicaNode = await benchServer(primaryUrl, viaReplica, path.join(dir, 'replica-node'));
    servers.push(replicaNode);
    const primaryNode = await benchServer(primaryUrl, viaPrimary, path.join(dir, 'primary-node'));
    servers.push(primaryNode);
    const cookie = await sessionCookie(replicaNode.base, 'reader@bench.example', PASSWORD);
    const summary = (base: string) => async () => {
      const res = await fetch(`${base}/api/v1/license-summary?status=all`, { headers: { cookie } });
      if (!res.ok) throw new Error(`license summary: ${res.status}`);
      await res.arrayBuffer();
    };

    const quiet = await timed(RUNS, summary(replicaNode.base));
    const key = await benchKey(loadBase, primary);
    await activationLoad(loadBase, key.productKey, CLIENTS, 2); // warm-up: JIT, pool, plans
    let load = loadOn(key.productKey);
    const loadedReplica = await whileBusy(load, summary(replicaNode.base));
    const onReplica = await load;
    const behind = await walBehind(primary, standby);
    load = loadOn(key.productKey);
    const loadedPrimary = await whileBusy(load, summary(primaryNode.base));
    const onPrimary = await load;
    console.log(`  the standby's replay trailed the primary by ${behind} bytes of WAL as the first load window ended`);

    const p95Quiet = percentile(quiet, 95);
    return [
      {
        name: `License Summary p95 read from the replica while the primary takes ${onReplica.perSecond.toFixed(0)} activations/s (${loadedReplica.length} summaries)`,
        value: percentile(loadedReplica, 95),
        unit: 'ms',
        reference: p95Quiet,
        referenceName: `the same without load (p50 ${percentile(quiet, 50).toFixed(1)} ms)`,
        target: 'unchanged (≈ 1×)',
      },
      {
        name: `License Summary p95 read from the primary under the same load (${onPrimary.perSecond.toFixed(0)} activations/s, ${loadedPrimary.length} summaries)`,
        value: percentile(loadedPrimary, 95),
        unit: 'ms',
        reference: p95Quiet,
        referenceName: 'from the replica without load',
        target: '',
      },
    ];
  } finally {
    for (const s of servers) await s.close().catch(() => {});
    for (const d of databases) await d.close().catch(() => {});
    await primary.end().catch(() => {});
    await standby.end().catch(() => {});
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await pair.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
