import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/client.js';
import { loadSecrets } from '../src/platform/secrets.js';

/**
 * The app on a real port of its own over an already migrated and loaded database, as a benchmark
 * measures it: no demo data, no portal, no logging. `close` stops it (the database stays open).
 */
export async function benchServer(url: string, database: Database, dataDir: string) {
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', PORT: '0' });
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    secrets: await loadSecrets(config),
    logger: false,
    webRoot: path.join(dataDir, 'no-portal'),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { base, close: () => app.close() };
}

/** The session cookie of a password sign-in, for the benchmark's requests. */
export async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
