import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { AccountParams } from '../schemas.js';
import { InventoryQuerySchema, InventorySchema } from './schemas.js';
import { inventoryOf } from './service.js';

/** A purchasing account's inventory (account.view): licenses and online services with expiry flags. */
export function inventoryModule({ db, clock }: ModuleDeps): ModuleRoutes {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/purchasing-accounts/:purchasingAccountId/inventory',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags: ['business-center'],
          summary:
            'What the account’s agreements hold today: licenses and online-service subscriptions, each with its next expiration, flagged within 90 and 30 days',
          params: AccountParams,
          querystring: InventoryQuerySchema,
          response: { 200: InventorySchema },
        },
      },
      async (req) => inventoryOf(db, clock, req.params.purchasingAccountId, req.query.expiring),
    );
  };
}
