import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { answer, type ConnectCallback } from './pool-callback.js';

/**
 * Where read-only report queries go (License Summary, SA Summary, standard and custom reports,
 * background exports, key and summary exports): the replica at DATABASE_REPLICA_URL, or the
 * primary itself when none is configured. A module takes this port only for views that need not
 * read their own writes: a replica is behind the primary by its replication lag (normally
 * milliseconds, more under load), so a report may miss what was written an instant before.
 * Anything that writes, or reads what the same request or user just wrote, uses the primary.
 */
export interface Reads {
  db: NodePgDatabase;
  /** For statements that keep one connection (a cursor over a large export). */
  pool: pg.Pool;
  /** Present when a replica is configured: its state for health and metrics. */
  replica?: ReplicaState;
}

export interface ReplicaProbe {
  up: boolean;
  /** The replica is a standby still (false once it was promoted); null while it cannot be reached. */
  standby: boolean | null;
  latencyMs: number;
}

export interface ReplicaState {
  /** Where reads go now: the replica, or the primary while the replica cannot be reached. */
  serving(): 'replica' | 'primary';
  probe(): Promise<ReplicaProbe>;
  /** Called on each change of `serving` (the first fall-back is logged, not every failed connect). */
  onChange(listener: (serving: 'replica' | 'primary', cause?: unknown) => void): void;
}

export interface ReplicaOptions {
  /** How long a connect to the replica may take before reads go to the primary. */
  connectTimeoutMs?: number;
  /** After a failed connect, reads stay on the primary this long before the replica is tried again. */
  retryAfterMs?: number;
  max?: number;
}

/**
 * The replica's pool, which hands out a primary connection instead while the replica cannot be
 * reached: reports keep working, from the primary, when the replica is down. A client taken from
 * the primary goes back to the primary's pool (its `release` is the primary pool's).
 */
export function openReplicaReads(url: string, primary: pg.Pool, options: ReplicaOptions = {}): Reads & { close(): Promise<void> } {
  const { connectTimeoutMs = 2000, retryAfterMs = 5000, max = 10 } = options;
  let downUntil = 0;
  let serving: 'replica' | 'primary' = 'replica';
  const listeners: ((s: 'replica' | 'primary', cause?: unknown) => void)[] = [];
  const set = (next: 'replica' | 'primary', cause?: unknown) => {
    if (next === serving) return;
    serving = next;
    for (const l of listeners) l(next, cause);
  };

  class ReplicaPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
      return answer(this.take(), callback);
    }

    private async take(): Promise<pg.PoolClient> {
      if (Date.now() < downUntil) return primary.connect();
      try {
        const client = await super.connect();
        set('replica');
        return client;
      } catch (e) {
        if (this.ending) throw e;
        downUntil = Date.now() + retryAfterMs;
        set('primary', e);
        return primary.connect();
      }
    }

    /** `pg_is_in_recovery()` on the replica itself, never on the primary. */
    async probe(): Promise<ReplicaProbe> {
      const started = performance.now();
      const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
      try {
        const client = await super.connect();
        try {
          const { rows } = await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
          downUntil = 0;
          set('replica');
          return { up: true, standby: rows[0]?.standby ?? null, latencyMs: latencyMs() };
        } finally {
          client.release();
        }
      } catch (e) {
        downUntil = Date.now() + retryAfterMs;
        set('primary', e);
        return { up: false, standby: null, latencyMs: latencyMs() };
      }
    }
  }

  const pool = new ReplicaPool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs });
  // An idle replica connection that drops (the replica restarts) is replaced by the pool; nothing to do here.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return {
    db: drizzle(pool),
    pool,
    replica: {
      serving: () => serving,
      probe: () => pool.probe(),
      onChange: (l) => {
        listeners.push(l);
      },
    },
    close: () => pool.end(),
  };
}
