import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { json, session, startBenchServer } from './lsc-server.js';
import { cpuSeconds } from './process-cpu.js';

const run = promisify(execFile);
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
/** Concurrent clients, for the service and for pgbench alike: each level is one comparison. */
const CLIENT_LEVELS = (process.env.BENCH_CLIENTS ?? '8,16').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * A MAK through the back-office API (with room for the whole run unless `activationLimit` says
 * otherwise), and its value as its holder sees it. `code` names a product made for it.
 */
export async function benchKey(
  base: string,
  database: pg.Client,
  { code = 'WIN11-ENT', activationLimit = 10_000_000 }: { code?: string; activationLimit?: number } = {},
): Promise<{ id: string; productKey: string }> {
  const operator = await session(base, 'operator@northwind.example');
  const admin = await session(base, 'admin@contoso.example');
  const family = await json(`${base}/api/v1/operator/product-families`, 'POST', { name: `Windows ${code}` }, operator);
  const product = await json(
    `${base}/api/v1/operator/products`,
    'POST',
    {
      code,
      familyId: family.body.id,
      name: 'Windows',
      version: '11',
      edition: 'Enterprise',
      pool: 'SYSTEMS',
      category: 'Operating systems',
    },
    operator,
  );
  const lid = (await database.query<{ id: string }>(`select id from licensing_id where number = '67012345'`)).rows[0]?.id;
  await json(
    `${base}/api/v1/operator/licensing-ids/${lid}/keys`,
    'POST',
    { type: 'MAK', productId: product.body.id, activationLimit },
    operator,
  );
  const page = await json(`${base}/api/v1/licensing-ids/${lid}/keys`, 'GET', undefined, admin);
  const key = (page.body.items as { id: string; type: string; productKey: string; product: { code: string } }[]).find(
    (k) => k.type === 'MAK' && k.product.code === code,
  );
  if (!key) throw new Error('no key');
  return key;
}

/**
 * One activation over a kept-alive connection. node:http rather than fetch: the load generator
 * shares the machine with the server and the database, and fetch costs it several times the CPU.
 */
function activateOnce(agent: http.Agent, base: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: '/api/v1/activations',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `clients` loops, each activating a new machine as soon as the last answered, for `seconds`. */
export async function activationLoad(base: string, productKey: string, clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const url = new URL(base);
  const latencies: number[] = [];
  const run = randomBytes(4).toString('hex');
  const until = performance.now() + seconds * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const started = performance.now();
        const body = JSON.stringify({
          productKey,
          productCode: 'WIN11-ENT',
          fingerprint: `bench-${run}-${client}-${i}`,
          machineKind: 'VIRTUAL',
        });
        if ((await activateOnce(agent, url, body)) !== 201) failures++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    failures,
    count: latencies.length,
  };
}

/** The reference: pgbench's single-row UPDATE … RETURNING on the same database, same clients, same length. */
export async function pgbenchTps(url: string, dir: string, clients: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('create table if not exists bench_counter (id int primary key, n bigint not null)');
  await c.query('insert into bench_counter values (1, 0) on conflict do nothing');
  await c.end();
  const script = path.join(dir, 'update-returning.sql');
  await writeFile(script, 'UPDATE bench_counter SET n = n + 1 WHERE id = 1 RETURNING n;\n');
  const u = new URL(url);
  const { stdout } = await run(PGBENCH, ['-n', '-c', String(clients), '-j', '2', '-T', String(SECONDS), '-f', script], {
    env: {
      ...process.env,
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: decodeURIComponent(u.password),
      PGDATABASE: u.pathname.slice(1),
    },
  });
  const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench said: ${stdout}`);
  return Number(tps);
}

/**
 * MAK activations per second and their p99 latency, with concurrent clients on one key
 * (the hot row every activation counts on) against `lsc start` on PostgreSQL, next to pgbench's
 * single-row UPDATE … RETURNING on the same database in the same run.
 */
export async function activationBench() {
  const server = await startBenchServer('activation', () => ({
    ACTIVATION_IP_LIMIT: '100000000',
    ACTIVATION_KEY_LIMIT: '100000000',
  }));
  const { base, database, url, dir } = server;
  try {
    const { id: keyId, productKey } = await benchKey(base, database);
    await activationLoad(base, productKey, CLIENT_LEVELS[0] ?? 8, 2); // warm-up: JIT, pool, plans
    const rows = [];
    for (const clients of CLIENT_LEVELS) {
      const cpuBefore = cpuSeconds(server.child.pid);
      const load = await activationLoad(base, productKey, clients, SECONDS);
      // The node's own CPU per activation: on a shared machine it moves far less than the rate does.
      const nodeCpuPerActivation = ((cpuSeconds(server.child.pid) - cpuBefore) * 1000) / load.count;
      const counted = (
        await database.query<{ used: number; rows: number }>(
          'select used, (select count(*)::int from activation where key_id = $1) as rows from product_key where id = $1',
          [keyId],
        )
      ).rows[0];
      if (load.failures || counted?.used !== counted?.rows)
        throw new Error(`activation failures: ${load.failures}, counts ${JSON.stringify(counted)}`);
      const reference = await pgbenchTps(url, dir, clients);
      rows.push(
        {
          name: `MAK activations per second, ${clients} concurrent clients on one key (HTTP + PostgreSQL)`,
          value: load.perSecond,
          unit: '/s',
          reference,
          referenceName: `pgbench single-row UPDATE … RETURNING, ${clients} clients, same database`,
          target: '≥ 50 % of pgbench',
        },
        {
          name: `p99 activation latency at ${clients} clients (p50 ${load.p50.toFixed(1)} ms, ${load.count} activations)`,
          value: load.p99,
          unit: 'ms',
          reference: (1000 * clients) / reference,
          referenceName: 'pgbench mean latency (clients / tps)',
          target: '≤ 25 ms',
        },
        {
          name: `CPU ms the node spent per activation at ${clients} clients (machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs)`,
          value: nodeCpuPerActivation,
          unit: 'ms',
          reference: (1000 * availableParallelism()) / load.perSecond,
          referenceName: 'CPU ms the machine has per activation at the measured rate',
          target: '',
        },
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}
