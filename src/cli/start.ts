import { loadConfig } from '../config.js';
import { beginOpeningDatabase } from '../platform/db/configured.js';

/**
 * `lsc start`: the portal and API until SIGTERM or SIGINT; then the node drains (see
 * RunningServer.stop) and exits 0. A second signal cuts the requests still in flight.
 */
export async function startCommand(): Promise<void> {
  const config = loadConfig();
  // The embedded PostgreSQL is a process of its own: it starts while this one loads the server's
  // modules and builds the app, the longest parts of a start, side by side (issue 17). The catch
  // only marks `opened` handled meanwhile; startServer awaits it (and a failure) itself.
  const opening = beginOpeningDatabase(config);
  opening.opened.catch(() => {});
  // Until its process runs: the steps before (the folder's lock, chown, spawn) each wait for the
  // event loop, which loading modules and building the app hold for long stretches.
  await opening.url.catch(() => {});
  const loaded = await Promise.all([import('../server.js'), import('../demo/seed.js')]).catch(async (e: unknown) => {
    await opening.opened.then((d) => d.embedded?.stop()).catch(() => {});
    throw e;
  });
  const [{ startServer }, { DEMO_ACCOUNTS, DEMO_PASSWORD }] = loaded;
  const server = await startServer(config, opening);
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
