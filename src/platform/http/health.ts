import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.js';

export interface HealthDeps {
  database: Database;
  version: string;
  /** Whether the node is on its way out (SIGTERM): then it is not ready, whatever the database says. */
  draining: () => boolean;
  /** How long `select 1` may take before the database counts as unreachable. */
  databaseTimeoutMs: number;
}

const DatabaseState = z.object({ up: z.boolean(), latencyMs: z.number() });
/**
 * The replica (DATABASE_REPLICA_URL), when one is configured. Reported, never a reason to be unready:
 * while it is down, report reads go to the primary (`serving`).
 */
const ReplicaState = z.object({
  up: z.boolean(),
  /** Still a standby (false: it was promoted); null while unreachable. */
  standby: z.boolean().nullable(),
  latencyMs: z.number(),
  serving: z.enum(['replica', 'primary']),
});

/**
 * `select 1` within the timeout. Probes arriving while one is under way share its answer, so a
 * load balancer probing a node whose database hangs does not pile up connections in the pool.
 */
function databaseProbe(database: Database, timeoutMs: number) {
  const probe = async () => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const up = await Promise.race([
      database.pool.query('select 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return { up, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  };
  return shared(probe);
}

/** Probes arriving while one is under way share its answer. */
function shared<T>(probe: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= probe().finally(() => {
      pending = null;
    });
    return pending;
  };
}

/** The replica's probe (its own connect timeout bounds it), and where reads go after it. */
function replicaProbe(database: Database): () => Promise<z.infer<typeof ReplicaState> | undefined> {
  const replica = database.reads?.replica;
  if (!replica) return async () => undefined;
  return shared(async () => ({ ...(await replica.probe()), serving: replica.serving() }));
}

/**
 * Health for people and load balancers: `/api/health` (the database's state, as before),
 * `/api/health/live` (the process answers: a balancer or supervisor restarts it otherwise) and
 * `/api/health/ready` (send it requests: not while it drains, nor while its database is unreachable).
 */
export function healthRoutes({ database, version, draining, databaseTimeoutMs }: HealthDeps) {
  const databaseState = databaseProbe(database, databaseTimeoutMs);
  const replicaState = replicaProbe(database);
  return async (fastify: FastifyInstance) => {
    const api = fastify.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/api/health',
      {
        config: { action: 'public' },
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database state',
          response: {
            200: z.object({ status: z.literal('ok'), version: z.string(), database: DatabaseState, replica: ReplicaState.optional() }),
            503: z.object({
              status: z.literal('degraded'),
              version: z.string(),
              database: DatabaseState,
              replica: ReplicaState.optional(),
            }),
          },
        },
      },
      async (_req, reply) => {
        const [db, replica] = await Promise.all([databaseState(), replicaState()]);
        return db.up
          ? { status: 'ok' as const, version, database: db, replica }
          : reply.status(503).send({ status: 'degraded' as const, version, database: db, replica });
      },
    );

    api.get(
      '/api/health/live',
      {
        config: { action: 'public' },
        schema: {
          tags: ['platform'],
          summary: 'The process is up (also while it drains); nothing else is checked',
          response: { 200: z.object({ status: z.literal('live'), version: z.string() }) },
        },
      },
      async () => ({ status: 'live' as const, version }),
    );

    api.get(
      '/api/health/ready',
      {
        config: { action: 'public' },
        schema: {
          tags: ['platform'],
          summary:
            'The node takes requests: 503 while it drains (after SIGTERM) or while its primary database is unreachable; a replica that is down is reported, not a 503 (reads go to the primary)',
          response: {
            200: z.object({ status: z.literal('ready'), version: z.string(), database: DatabaseState, replica: ReplicaState.optional() }),
            503: z.object({
              status: z.enum(['draining', 'database-unreachable']),
              version: z.string(),
              database: DatabaseState.optional(),
              replica: ReplicaState.optional(),
            }),
          },
        },
      },
      async (_req, reply) => {
        if (draining()) return reply.status(503).send({ status: 'draining' as const, version });
        const [db, replica] = await Promise.all([databaseState(), replicaState()]);
        if (draining()) return reply.status(503).send({ status: 'draining' as const, version });
        return db.up
          ? { status: 'ready' as const, version, database: db, replica }
          : reply.status(503).send({ status: 'database-unreachable' as const, version, database: db, replica });
      },
    );
  };
}
