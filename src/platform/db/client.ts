import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { openPrimaryPool } from './primary-pool.js';
import { openReplicaReads, type Reads } from './reads.js';

/** Queries are written against each module's own tables; no relational schema is registered (the platform knows no module). */
export type Db = NodePgDatabase;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface Database {
  /** The primary: every write, and every read that must see the writes before it. */
  db: Db;
  pool: pg.Pool;
  /** Read-only report queries: the replica when one is configured, else the primary itself (reads.ts). */
  reads: Reads;
  close(): Promise<void>;
}

/**
 * The primary at `url` (one host, or several: the one not in recovery is used), and the replica at
 * `replicaUrl` if any. `namedStatements: false` for a primary behind a transaction-pooling PgBouncer
 * that cannot track them (DATABASE_NAMED_STATEMENTS).
 */
export function openDatabase(url: string, max = 10, replicaUrl?: string, options: { namedStatements?: boolean } = {}): Database {
  const pool = openPrimaryPool(url, { max }, { namedStatements: options.namedStatements ?? true });
  pool.on('error', () => {
    // An idle client lost its connection (e.g. the server restarted); the pool replaces it.
  });
  pool.on('connect', (client) => {
    // A client checked out (a transaction) has no listener of the pool's: without this one, its
    // connection dropping would end the process. Its queries fail instead, and the pool discards it
    // when it comes back (it is no longer queryable); /api/health/ready says the database is away.
    client.on('error', () => {});
  });
  const db = drizzle(pool);
  const replica = replicaUrl ? openReplicaReads(replicaUrl, pool, { max }) : null;
  return {
    db,
    pool,
    reads: replica ?? { db, pool },
    async close() {
      await replica?.close();
      await pool.end();
    },
  };
}
