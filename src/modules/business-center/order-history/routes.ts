import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import { fileBody } from '../../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { accountFacts } from '../account-facts.js';
import { AccountParams } from '../schemas.js';
import { orderHistoryCsv, orderHistoryXlsx } from './export.js';
import { OrderHistoryExportQuerySchema, OrderHistoryPageSchema, OrderHistoryQuerySchema } from './schemas.js';
import { createOrderHistory } from './service.js';

const tags = ['business-center'];

/** R-BC-4: a purchasing account's order history (account.view), paged, and its export. */
export function orderHistoryModule({ db, clock }: ModuleDeps): ModuleRoutes {
  const history = createOrderHistory({ db, clock });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/purchasing-accounts/:purchasingAccountId/orders',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary:
            'R-BC-4: the orders of the account’s agreements, filtered by order date, order type, ordering party, order number, agreement number, purchasing account number and purchase order status; sorted, paged by cursor',
          params: AccountParams,
          querystring: OrderHistoryQuerySchema,
          response: { 200: OrderHistoryPageSchema },
        },
      },
      async (req) => history.page(req.params.purchasingAccountId, req.query),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/orders/export',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary:
            'R-BC-4: the filtered order history as an Excel workbook or CSV, at most 10,000 orders (header order-history-truncated: true when cut)',
          params: AccountParams,
          querystring: OrderHistoryExportQuerySchema,
          response: {
            200: {
              description: 'An attachment: an Excel workbook (format=xlsx) or CSV (format=csv)',
              content: {
                'text/csv': { schema: fileBody('UTF-8 text, comma-separated') },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: fileBody('an Office Open XML workbook', true),
                },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const account = await accountFacts(db, req.params.purchasingAccountId);
        const { items, truncated } = await history.all(req.params.purchasingAccountId, req.query);
        const name = `order-history-${account?.number ?? ''}.${req.query.format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        reply.header('cache-control', 'private, no-store');
        if (truncated) reply.header('order-history-truncated', 'true');
        if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(orderHistoryCsv(items, actor.locale));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(
            orderHistoryXlsx(items, { accountName: account?.name ?? '', accountNumber: account?.number ?? '', truncated }, actor.locale),
          );
      },
    );
  };
}
