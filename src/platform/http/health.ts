import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.js';

export function healthRoutes(database: Database, version: string) {
  return async (fastify: FastifyInstance) => {
    fastify.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { action: 'public' },
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database state',
          response: {
            200: z.object({ status: z.literal('ok'), version: z.string(), database: z.object({ up: z.boolean(), latencyMs: z.number() }) }),
            503: z.object({
              status: z.literal('degraded'),
              version: z.string(),
              database: z.object({ up: z.boolean(), latencyMs: z.number() }),
            }),
          },
        },
      },
      async (_req, reply) => {
        const started = performance.now();
        const up = await database.pool
          .query('select 1')
          .then(() => true)
          .catch(() => false);
        const db = { up, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
        return up
          ? { status: 'ok' as const, version, database: db }
          : reply.status(503).send({ status: 'degraded' as const, version, database: db });
      },
    );
  };
}
