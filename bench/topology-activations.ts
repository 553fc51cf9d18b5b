import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startTopology } from '../scripts/topology/cluster.js';
import { activationLoad, benchKey, pgbenchTps } from './activations.js';
import { cpuSeconds } from './process-cpu.js';

const CLIENT_LEVELS = (process.env.BENCH_CLIENTS ?? '16').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** How many nodes behind HAProxy: 3 by default; on a machine of 2 cores, 2 may do more (BENCH_NODES=2). */
const NODES = Number(process.env.BENCH_NODES ?? 3);

/**
 * MAK activations through HAProxy to 3 nodes (BENCH_NODES) on a PostgreSQL primary (streaming to a hot standby),
 * next to pgbench's single-row UPDATE … RETURNING on the same primary in the same run: the key's
 * row is the hot spot every activation counts on, so the database's own ceiling is the reference.
 */
export async function topologyActivationsBench() {
  const topology = await startTopology({
    nodes: NODES,
    env: { ACTIVATION_IP_LIMIT: '100000000', ACTIVATION_KEY_LIMIT: '100000000', SIGN_IN_IP_LIMIT: '100000' },
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-topology-'));
  const database = new pg.Client({ connectionString: topology.primaryUrl });
  try {
    await database.connect();
    const { id: keyId, productKey } = await benchKey(topology.url, database);
    await activationLoad(topology.url, productKey, CLIENT_LEVELS[0] ?? 16, 2); // warm-up: JIT, pools, plans on every node
    const rows = [];
    for (const clients of CLIENT_LEVELS) {
      const nodesCpu = () => topology.nodes.reduce((sum, n) => sum + cpuSeconds(n.child?.pid), 0);
      const cpuBefore = nodesCpu();
      const balancerBefore = cpuSeconds(topology.balancer.pid);
      const load = await activationLoad(topology.url, productKey, clients, SECONDS);
      const nodeCpuPerActivation = ((nodesCpu() - cpuBefore) * 1000) / load.count;
      const balancerCpuPerActivation = ((cpuSeconds(topology.balancer.pid) - balancerBefore) * 1000) / load.count;
      const counted = (
        await database.query<{ used: number; rows: number }>(
          'select used, (select count(*)::int from activation where key_id = $1) as rows from product_key where id = $1',
          [keyId],
        )
      ).rows[0];
      if (load.failures || counted?.used !== counted?.rows)
        throw new Error(`activation failures: ${load.failures}, counts ${JSON.stringify(counted)}`);
      const reference = await pgbenchTps(topology.primaryUrl, dir, clients);
      rows.push(
        {
          name: `MAK activations per second through HAProxy to ${NODES} nodes, ${clients} clients on one key (primary + hot standby)`,
          value: load.perSecond,
          unit: '/s',
          reference,
          referenceName: `pgbench single-row UPDATE … RETURNING, ${clients} clients, same primary`,
          target: '≥ 0.75× pgbench',
        },
        {
          name: `p99 activation latency through HAProxy at ${clients} clients (p50 ${load.p50.toFixed(1)} ms, ${load.count} activations)`,
          value: load.p99,
          unit: 'ms',
          reference: (1000 * clients) / reference,
          referenceName: 'pgbench mean latency (clients / tps)',
          target: '≤ 25 ms',
        },
        {
          // Where the time goes on a shared machine: the nodes' CPU per activation, next to the
          // time one activation may take for the run's rate (all CPUs of the machine, divided).
          name: `CPU ms the ${NODES} nodes spent per activation at ${clients} clients (machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs)`,
          value: nodeCpuPerActivation,
          unit: 'ms',
          reference: (1000 * availableParallelism()) / load.perSecond,
          referenceName: 'CPU ms the machine has per activation at the measured rate',
          target: '',
        },
        {
          name: `CPU ms HAProxy spent per activation at ${clients} clients`,
          value: balancerCpuPerActivation,
          unit: 'ms',
          reference: nodeCpuPerActivation,
          referenceName: "the nodes' CPU ms per activation",
          target: '',
        },
      );
    }
    return rows;
  } finally {
    await database.end().catch(() => {});
    await topology.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
