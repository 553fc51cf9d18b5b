import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db/client.js';
import type { MetricsRecorder } from './metrics/registry.js';
import type { Secrets } from './secrets.js';

/** What every module factory receives; tests pass their own clock, database and config. */
export interface ModuleDeps {
  db: Db;
  /**
   * Read-only report queries: the replica when DATABASE_REPLICA_URL is set, else the primary
   * (db/reads.ts). Only for views that need not read their own writes: they may lag slightly.
   */
  reads: Db;
  database: Database;
  config: Config;
  clock: Clock;
  secrets: Secrets;
  /** Where a module counts what the metrics report (activations, downloads); absent, nothing is counted (a test's service). */
  metrics?: MetricsRecorder;
}

/** A module's HTTP routes, registered under /api/v1. */
export type ModuleRoutes = (app: FastifyInstance) => Promise<void>;
