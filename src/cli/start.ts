import { loadConfig } from '../config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/seed.js';
import { startServer } from '../server.js';

/**
 * `lsc start`: the portal and API until SIGTERM or SIGINT; then the node drains (see
 * RunningServer.stop) and exits 0. A second signal cuts the requests still in flight.
 */
export async function startCommand(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    '',
    `Licensing Service Center is running at ${server.url}`,
    `  API reference: ${server.url}/api/docs`,
    `  Database: ${server.database}`,
    `  Mail: ${config.SMTP_URL ? 'delivered over SMTP_URL' : 'not sent (no SMTP_URL); operators read it at /api/v1/operator/mail'}`,
  ];
  if (config.SEED_DEMO) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(28)} ${a.note}`);
  }
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      server.hurry();
      return;
    }
    stopping = true;
    try {
      await server.stop({ delayMs: config.SHUTDOWN_DELAY_SECONDS * 1000, graceMs: config.SHUTDOWN_GRACE_SECONDS * 1000 });
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
