import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { LicensingIdDetailSchema, RelationshipSummarySchema } from './schemas.js';
import type { RelationshipService } from './service.js';

export function relationshipRoutes(relationship: RelationshipService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/relationship-summary',
      {
        config: { action: 'licensing.view' },
        schema: {
          tags: ['relationship'],
          summary: 'Licensing IDs the user holds roles on, grouped MBSA → parent agreement → Licensing ID (R-REL-2, R-REL-3)',
          querystring: z.object({ status: z.enum(['active', 'all']).default('active') }),
          response: { 200: RelationshipSummarySchema },
        },
      },
      async (req) => relationship.summary(actorOf(req), req.query.status),
    );

    app.get(
      '/licensing-ids',
      {
        config: { action: 'licensing.view' },
        schema: {
          tags: ['relationship'],
          summary: 'Licensing IDs the user holds roles on',
          response: { 200: z.object({ items: z.array(LicensingIdDetailSchema) }) },
        },
      },
      async (req) => ({ items: await relationship.list(actorOf(req)) }),
    );

    app.get(
      '/licensing-ids/:licensingId',
      {
        config: { action: 'licensing.view', target: 'params.licensingId' },
        schema: {
          tags: ['relationship'],
          summary: 'One Licensing ID with its parent agreement and MBSA',
          params: z.object({ licensingId: z.uuid() }),
          response: { 200: LicensingIdDetailSchema },
        },
      },
      async (req) => relationship.get(actorOf(req), req.params.licensingId),
    );
  };
}
