import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { auditCsv } from './export.js';
import {
  AuditExportQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
  OperatorAuditExportQuerySchema,
  OperatorAuditQuerySchema,
} from './schemas.js';
import { createAuditService } from './service.js';

const csvAnswer = {
  200: {
    description: 'An attachment: the matching entries as CSV, newest first',
    content: { 'text/csv': { schema: fileBody('UTF-8 text, comma-separated, with a BOM') } },
  },
};

function sendCsv(reply: FastifyReply, clock: Clock, actor: Actor, entries: Parameters<typeof auditCsv>[0]) {
  const day = clock.now().toISOString().slice(0, 10);
  return reply
    .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
    .type('text/csv; charset=utf-8')
    .send(auditCsv(entries, actor.locale));
}

/** The audit view: an Administrator reads their Licensing IDs' trail; the publisher reads every organization's. */
export function auditModule({ db, clock }: ModuleDeps): ModuleRoutes {
  const audit = createAuditService({ db });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['audit'];

    app.get(
      '/audit',
      {
        config: { action: 'users.manage' },
        schema: {
          tags,
          summary:
            'Audit trail of the Licensing IDs the caller administers (and the organization’s own entries for an organization administrator), newest first; filters: person (e-mail), Licensing ID, action, from/to (UTC days)',
          querystring: AuditQuerySchema,
          response: { 200: AuditPageSchema },
        },
      },
      async (req) => audit.administratorPage(actorOf(req), req.query),
    );

    app.get(
      '/audit/export',
      {
        config: { action: 'users.manage' },
        schema: {
          tags,
          summary: 'The same audit trail as CSV, with the same filters',
          querystring: AuditExportQuerySchema,
          response: csvAnswer,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return sendCsv(reply, clock, actor, await audit.administratorExport(actor, req.query));
      },
    );

    app.get(
      '/operator/audit',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The publisher’s view of every organization’s audit trail (organizationId narrows it to one), newest first',
          querystring: OperatorAuditQuerySchema,
          response: { 200: AuditPageSchema },
        },
      },
      async (req) => audit.operatorPage(req.query),
    );

    app.get(
      '/operator/audit/export',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The publisher’s audit view as CSV, with the same filters',
          querystring: OperatorAuditExportQuerySchema,
          response: csvAnswer,
        },
      },
      async (req, reply) => sendCsv(reply, clock, actorOf(req), await audit.operatorExport(req.query)),
    );
  };
}
