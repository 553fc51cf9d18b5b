import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { orderOfRequest } from './api-order.js';
import { summaryCsv, summaryXlsx } from './export.js';
import { createOrderIngestion, type OrderRecordedHook } from './ingestion.js';
import { createLicenseSummaryService, type SummaryQuery } from './license-summary.js';
import {
  ExportQuerySchema,
  LicenseSummarySchema,
  OrderBodySchema,
  OrderHeadersSchema,
  OrderReceiptSchema,
  SummaryQuerySchema,
} from './schemas.js';

const chosen = (q: { licensingId?: string | string[]; status: 'active' | 'all' }): SummaryQuery => ({
  licensingIds: q.licensingId === undefined ? undefined : [q.licensingId].flat(),
  status: q.status,
});

/** Order ingestion (R-BC-7) and the License Summary (R-LIC-1…7). Customers have no route that changes an order. */
export function ordersModule({ db, reads, config, clock }: ModuleDeps, onRecorded: readonly OrderRecordedHook[] = []): ModuleRoutes {
  const ingestion = createOrderIngestion({ db, config, clock, onRecorded });
  // Read on the replica: a summary may lag the primary by the replication delay (an order just recorded may show an instant later).
  const summaries = createLicenseSummaryService({ db: reads, clock, config });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/operator/orders',
      {
        // A line's value of the wrong form is a line error of the order, numbered from 1 (see api-order.ts).
        attachValidation: true,
        config: { action: 'operator' },
        schema: {
          tags: ['orders'],
          summary:
            'Record an order from the publisher’s order system. Idempotent by order number and Idempotency-Key; a bad line rejects the whole order (ORDER_INVALID with line-numbered errors)',
          headers: OrderHeadersSchema,
          body: OrderBodySchema,
          response: { 201: OrderReceiptSchema },
        },
      },
      async (req, reply) => {
        const { order, errors } = orderOfRequest(req);
        const result = await ingestion.ingest(actorOf(req), order, {
          source: 'API',
          idempotencyKey: req.headers['idempotency-key'],
          parseErrors: errors,
        });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(result.order);
      },
    );

    app.get(
      '/license-summary',
      {
        config: { action: 'reports.view' },
        schema: {
          tags: ['license-summary'],
          summary:
            'License Summary per product family and version over the Licensing IDs the user may see reports of (R-LIC-1, R-LIC-2, R-LIC-3, R-LIC-5, R-LIC-7)',
          querystring: SummaryQuerySchema,
          response: { 200: LicenseSummarySchema },
        },
      },
      async (req) => summaries.summary(actorOf(req), chosen(req.query)),
    );

    app.get(
      '/license-summary/export',
      {
        config: { action: 'reports.view' },
        schema: {
          tags: ['license-summary'],
          summary: 'The License Summary as CSV (streamed) or an Excel workbook, headings in the user’s language',
          querystring: ExportQuerySchema,
          response: {
            200: {
              description: 'An attachment: CSV (format=csv) or an Excel workbook (format=xlsx)',
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
        const summary = await summaries.summary(actor, chosen(req.query));
        const name = `license-summary-${summary.asOf}.${req.query.format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (req.query.format === 'xlsx') {
          return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(summaryXlsx(summary, actor.locale));
        }
        return reply.type('text/csv; charset=utf-8').send(summaryCsv(summary, actor.locale));
      },
    );
  };
}
