import { startTopology } from './cluster.js';

/** `npm run topology`: the topology until Ctrl-C (or SIGTERM), then everything stopped in order. */
const nodes = Number(process.env.TOPOLOGY_NODES ?? 3);
const pgbouncer = process.env.TOPOLOGY_PGBOUNCER === '1';
console.log(`Starting PostgreSQL primary + standby, ${pgbouncer ? 'PgBouncer, ' : ''}${nodes} nodes and HAProxy on loopback…`);
// The nodes, HAProxy and PostgreSQL run in process groups of their own, so Ctrl-C reaches only this
// script: while starting, it stops what was started; once running, everything in order.
const starting = new AbortController();
const abortStart = () => starting.abort();
process.on('SIGINT', abortStart);
process.on('SIGTERM', abortStart);
let topology: Awaited<ReturnType<typeof startTopology>>;
try {
  topology = await startTopology({ nodes, pgbouncer, output: process.env.TOPOLOGY_QUIET ? 'quiet' : 'inherit', signal: starting.signal });
} catch (e) {
  console.error(starting.signal.aborted ? 'Interrupted; what had started is stopped.' : e);
  process.exit(1);
}
process.off('SIGINT', abortStart);
process.off('SIGTERM', abortStart);
const redact = (url: string | undefined) => (url ? url.replace(/:[^:@/]+@/, ':***@') : 'none');
console.log(
  [
    '',
    `Licensing Service Center (through HAProxy): ${topology.url}`,
    `  HAProxy stats: ${topology.statsUrl}`,
    ...topology.nodes.map((n) => `  ${n.name}: ${n.url}  (ready: ${n.url}/api/health/ready, metrics: ${n.url}/metrics)`),
    `  PostgreSQL primary: ${redact(topology.primaryUrl)}`,
    `  PostgreSQL hot standby: ${redact(topology.replicaUrl)}`,
    ...(topology.bouncerUrl ? [`  PgBouncer (transaction pooling, the nodes' DATABASE_URL): ${redact(topology.bouncerUrl)}`] : []),
    `  Shared data folder: ${topology.dataDir}`,
    '  Demo accounts: admin@contoso.example, operator@northwind.example, … (password demo-password-1)',
    '',
    'Ctrl-C stops HAProxy, drains the nodes, then stops the databases.',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await topology.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
