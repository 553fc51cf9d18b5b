import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { registerReportRoutes } from './report-routes.js';
import { LicensingIdReportSchema, MbsaReportSchema, ParentReportSchema } from './schemas.js';
import { createReportsService } from './service.js';

const params = z.object({ licensingId: z.uuid() });

/** The Relationship Summary's Licensing Information reports (R-REL-4, R-REL-5); the standard and custom reports (R-REP-1…4). */
export function reportsModule({ db, reads, config, clock }: ModuleDeps): ModuleRoutes {
  // Reports only read, and may lag the primary by the replication delay: they read the replica when there is one.
  const reports = createReportsService({ db: reads, config, clock });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['relationship'];
    registerReportRoutes(fastify, { db, reads, clock });

    app.get(
      '/licensing-ids/:licensingId/report',
      {
        config: { action: 'licensing.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Licensing ID details: contacts (with the Channel Partner), related licenses, orders, order details, purchase history; sections that need reports.view are { visible: false } without it',
          params,
          response: { 200: LicensingIdReportSchema },
        },
      },
      async (req) => reports.licensingIdReport(actorOf(req), req.params.licensingId),
    );

    app.get(
      '/licensing-ids/:licensingId/parent-report',
      {
        config: { action: 'reports.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Parent Program details: the agreement’s contacts and the organization’s Licensing IDs under it (others’ dimmed)',
          params,
          response: { 200: ParentReportSchema },
        },
      },
      async (req) => reports.parentReport(actorOf(req), req.params.licensingId),
    );

    app.get(
      '/licensing-ids/:licensingId/mbsa-report',
      {
        config: { action: 'reports.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'MBSA details: contacts, parent agreements and Licensing IDs (not for Open programs: 409 MBSA_REPORT_NOT_OFFERED)',
          params,
          response: { 200: MbsaReportSchema },
        },
      },
      async (req) => reports.mbsaReport(actorOf(req), req.params.licensingId),
    );
  };
}
