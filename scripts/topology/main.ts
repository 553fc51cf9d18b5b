import { startTopology } from './cluster.js';

/** `npm run topology`: the topology until Ctrl-C (or SIGTERM), then everything stopped in order. */
const nodes = Number(process.env.TOPOLOGY_NODES ?? 3);
console.log(`Starting PostgreSQL primary + standby, ${nodes} nodes and HAProxy on loopback…`);
const topology = await startTopology({ nodes, output: process.env.TOPOLOGY_QUIET ? 'quiet' : 'inherit' });
const redact = (url: string | undefined) => (url ? url.replace(/:[^:@/]+@/, ':***@') : 'none');
console.log(
  [
    '',
    `Licensing Service Center (through HAProxy): ${topology.url}`,
    `  HAProxy stats: ${topology.statsUrl}`,
    ...topology.nodes.map((n) => `  ${n.name}: ${n.url}  (ready: ${n.url}/api/health/ready, metrics: ${n.url}/metrics)`),
    `  PostgreSQL primary: ${redact(topology.primaryUrl)}`,
    `  PostgreSQL hot standby: ${redact(topology.replicaUrl)}`,
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
