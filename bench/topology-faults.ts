import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { startTopology, type Topology } from '../scripts/topology/cluster.js';
import { benchKey } from './activations.js';
import { session } from './lsc-server.js';
import { activateUntilAnswered, downloadWithResume, type Outcome } from './retrying-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The burst: more machines than the key allows, so the limit is reached while a node dies. */
const BURST_MACHINES = Number(process.env.BENCH_BURST_MACHINES ?? 600);
const BURST_LIMIT = Number(process.env.BENCH_BURST_LIMIT ?? 400);
const BURST_CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const ROLLING_ACTIVATION_CLIENTS = 6;
const ROLLING_DOWNLOAD_CLIENTS = 3;

type Row = { name: string; value: number; unit: string; reference: number; referenceName: string; target: string };

/**
 * kill -9 of one node while a burst of activations runs through HAProxy: every client retries
 * (same body, same Idempotency-Key) until it has an answer. Then the database must hold exactly
 * the activations whose certificates the clients got, each machine once, none over the limit.
 */
async function killMidBurst(topology: Topology, database: pg.Client): Promise<Row[]> {
  const { id: keyId, productKey } = await benchKey(topology.url, database, { code: 'FAULT-BURST', activationLimit: BURST_LIMIT });
  const agent = new http.Agent({ keepAlive: true, maxSockets: BURST_CLIENTS });
  const run = randomBytes(4).toString('hex');
  const outcomes: (Outcome & { at: number })[] = [];
  let next = 0;
  let killedAt = Number.POSITIVE_INFINITY;
  const victim = topology.nodes[1];
  if (!victim) throw new Error('the burst needs at least two nodes');
  const burst = Promise.all(
    Array.from({ length: BURST_CLIENTS }, async () => {
      for (let i = next++; i < BURST_MACHINES; i = next++) {
        const body = { productKey, productCode: 'FAULT-BURST', fingerprint: `burst-${run}-${i}`, machineKind: 'VIRTUAL' };
        const at = performance.now();
        outcomes.push({ ...(await activateUntilAnswered(agent, topology.url, body, randomUUID())), at });
      }
    }),
  );
  while (outcomes.length < BURST_MACHINES / 4) await sleep(5);
  killedAt = performance.now();
  await victim.kill();
  await burst;
  agent.destroy();

  const certificates = new Set<string>();
  let refused = 0;
  let unanswered = 0;
  let other = 0;
  for (const o of outcomes) {
    if (!o.answer) unanswered++;
    else if (o.answer.status === 201 || o.answer.status === 200) certificates.add(String(o.answer.body.activationId));
    else if (o.answer.status === 409 && o.answer.body.code === 'MAK_LIMIT_REACHED') refused++;
    else other++;
  }
  const retried = outcomes.filter((o) => o.retries > 0);
  const retriedWithCertificate = retried.filter((o) => o.answer && o.answer.status < 300);
  const counted = (
    await database.query<{ used: number; rows: number; machines: number }>(
      `select k.used, count(a.id)::int as rows, count(distinct a.fingerprint)::int as machines
         from product_key k left join activation a on a.key_id = k.id where k.id = $1 group by k.used`,
      [keyId],
    )
  ).rows[0];
  const stored = new Set(
    (await database.query<{ id: string }>('select id from activation where key_id = $1', [keyId])).rows.map((r) => r.id),
  );
  const sameSets = stored.size === certificates.size && [...stored].every((id) => certificates.has(id));
  if (!counted || counted.used !== counted.rows || counted.rows !== counted.machines || counted.used > BURST_LIMIT || !sameSets)
    throw new Error(`burst: counts ${JSON.stringify(counted)}, ${certificates.size} certificates held, same ids: ${sameSets}`);
  if (unanswered || other) throw new Error(`burst: ${unanswered} clients gave up, ${other} unexpected answers`);
  if (refused !== BURST_MACHINES - counted.used) throw new Error(`burst: ${refused} refused, expected ${BURST_MACHINES - counted.used}`);
  const afterKill = outcomes.filter((o) => o.at >= killedAt).length;
  return [
    {
      name: `activations counted in the database after kill -9 of node2 mid-burst (${BURST_MACHINES} machines, limit ${BURST_LIMIT}, ${afterKill} asked after the kill, ${refused} refused at the limit)`,
      value: counted.used,
      unit: 'activations',
      reference: certificates.size,
      referenceName: 'distinct certificates the clients hold',
      target: 'equal, ≤ the limit, each machine once',
    },
    {
      name: `clients whose request failed (connection lost, 502/503) and who got their certificate by retrying with their Idempotency-Key (${retried.reduce((n, o) => n + o.retries, 0)} retries)`,
      value: retriedWithCertificate.length,
      unit: 'clients',
      reference: retried.filter((o) => o.answer?.status !== 409).length,
      referenceName: 'clients that retried and were not refused at the limit',
      target: 'all',
    },
  ];
}

/** A demo file's signed link (through HAProxy) and its size, as admin@contoso.example gets it. */
async function demoFileLink(topology: Topology, database: pg.Client) {
  const file = (
    await database.query<{ id: string; product_id: string; size: number; sha256: string }>(
      `select f.id, f.product_id, f.size::int as size, f.sha256 from download_file f join product p on p.id = f.product_id
        where p.code = 'OFF-PP-2024' and f.deleted_at is null order by f.size desc limit 1`,
    )
  ).rows[0];
  if (!file) throw new Error('no demo file');
  const admin = await session(topology.url, 'admin@contoso.example');
  const res = await fetch(`${topology.url}/api/v1/downloads/${file.product_id}/links`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ fileIds: [file.id] }),
  });
  if (!res.ok) throw new Error(`links: ${res.status} ${await res.text()}`);
  const [link] = ((await res.json()) as { items: { url: string }[] }).items;
  if (!link) throw new Error('no link');
  return { url: link.url, size: file.size, sha256: file.sha256 };
}

/**
 * A rolling restart (SIGTERM, wait for the exit, start, wait until HAProxy has it back, next) of
 * every node while activations and downloads run steadily through HAProxy.
 */
async function rollingRestart(topology: Topology, database: pg.Client): Promise<Row[]> {
  const { productKey } = await benchKey(topology.url, database, { code: 'FAULT-ROLL' });
  const link = await demoFileLink(topology, database);
  const agent = new http.Agent({ keepAlive: true, maxSockets: ROLLING_ACTIVATION_CLIENTS + ROLLING_DOWNLOAD_CLIENTS });
  const run = randomBytes(4).toString('hex');
  const outcomes: { kind: 'activation' | 'download'; outcome: Outcome; bad: boolean }[] = [];
  let rolling = true;
  const activations = Array.from({ length: ROLLING_ACTIVATION_CLIENTS }, async (_, c) => {
    for (let i = 0; rolling; i++) {
      const body = { productKey, productCode: 'FAULT-ROLL', fingerprint: `roll-${run}-${c}-${i}`, machineKind: 'VIRTUAL' };
      const outcome = await activateUntilAnswered(agent, topology.url, body, randomUUID());
      outcomes.push({ kind: 'activation', outcome, bad: outcome.answer?.status !== 201 });
    }
  });
  const downloads = Array.from({ length: ROLLING_DOWNLOAD_CLIENTS }, async () => {
    while (rolling) {
      const outcome = await downloadWithResume(agent, link.url, link.size);
      outcomes.push({ kind: 'download', outcome, bad: outcome.sha256 !== link.sha256 });
    }
  });
  const started = performance.now();
  await sleep(1000);
  const exits: (number | null)[] = [];
  for (const node of topology.nodes) {
    exits.push(await node.stop());
    await node.start();
    const until = Date.now() + 30_000;
    while ((await topology.balancer.upServers()) < topology.nodes.length) {
      if (Date.now() > until) throw new Error(`HAProxy did not take ${node.name} back`);
      await sleep(100);
    }
  }
  await sleep(1000);
  rolling = false;
  await Promise.all([...activations, ...downloads]);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (exits.some((e) => e !== 0)) throw new Error(`a node exited with ${exits.join(', ')} on SIGTERM`);
  const failed = outcomes.filter((o) => o.bad);
  const retried = outcomes.filter((o) => o.outcome.retries > 0);
  const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
  for (const f of failed.slice(0, 10))
    console.error(
      `rolling restart, failed for good: ${f.kind} after ${f.outcome.retries} retries, answer ${JSON.stringify(f.outcome.answer)?.slice(0, 300)}`,
    );
  return [
    {
      name: `requests that failed for good during a rolling restart of 3 nodes (${seconds.toFixed(0)} s: ${count('activation')} activations, ${count('download')} downloads of ${(link.size / 2 ** 20).toFixed(0)} MiB; ${retried.length} needed a retry)`,
      value: failed.length,
      unit: 'requests',
      reference: outcomes.length,
      referenceName: 'requests made',
      target: '0',
    },
  ];
}

/** The two fault drills of issue 17 on one topology: kill -9 mid-burst, then a rolling restart. */
export async function topologyFaultsBench() {
  const topology = await startTopology({
    nodes: 3,
    env: { ACTIVATION_IP_LIMIT: '100000000', ACTIVATION_KEY_LIMIT: '100000000', SIGN_IN_IP_LIMIT: '100000' },
  });
  const database = new pg.Client({ connectionString: topology.primaryUrl });
  try {
    await database.connect();
    const burst = await killMidBurst(topology, database);
    // The killed node comes back before the rolling restart, which needs all three.
    await topology.nodes[1]?.start();
    while ((await topology.balancer.upServers()) < topology.nodes.length) await sleep(100);
    return [...burst, ...(await rollingRestart(topology, database))];
  } finally {
    await database.end().catch(() => {});
    await topology.stop();
  }
}
