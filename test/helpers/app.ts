import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { type Given, given } from './given.js';
import { type RequestOptions, type Requests, requestsAs, type Who } from './requests.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  clock: Clock;
  /** Requests as someone: `t.as(admin).get('/users')` (paths under /api/v1). */
  as(who: Who, options?: RequestOptions): Requests;
  /** The data a test starts from: users with grants, sessions, organizations (typed inserts). */
  given: Given;
  close(): Promise<void>;
}

export interface TestAppOptions {
  seed?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  webRoot?: string;
  /** Where the app logs (at LOG_LEVEL, given in `env`); no log by default. */
  logger?: AppDeps['logger'];
}

/** The real app on a real, freshly migrated (and by default demo-seeded) database. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-test-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://lsc.test', ...opts.env });
  const database = await createTestDatabase();
  const secrets = await loadSecrets(config);
  if (opts.seed !== false) await seedDemo(database.db, secrets);
  const app = await buildApp({
    config,
    database,
    clock: opts.clock ?? systemClock,
    secrets,
    logger: opts.logger ?? false,
    webRoot: opts.webRoot ?? path.join(dataDir, 'no-portal'),
  });
  await app.ready();
  const clock = opts.clock ?? systemClock;
  return {
    app,
    database,
    config,
    clock,
    as: (who, options) => requestsAs(app, who, options),
    given: given({ database, clock, config }),
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
