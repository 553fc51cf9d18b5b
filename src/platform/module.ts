import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db/client.js';
import type { Secrets } from './secrets.js';

/** What every module factory receives; tests pass their own clock, database and config. */
export interface ModuleDeps {
  db: Db;
  database: Database;
  config: Config;
  clock: Clock;
  secrets: Secrets;
}

/** A module's HTTP routes, registered under /api/v1. */
export type ModuleRoutes = (app: FastifyInstance) => Promise<void>;
