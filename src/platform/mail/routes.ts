import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import { outbox } from '../tables.js';

const MailSchema = z.object({
  id: z.number(),
  createdAt: z.date(),
  toAddress: z.string(),
  template: z.string(),
  locale: z.enum(['en', 'sv']),
  subject: z.string(),
  text: z.string(),
  sentAt: z.date().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
});

/** The outbox, for operators running without SMTP (and for anyone checking what was sent). */
export function mailViewerRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const columns = {
      id: outbox.id,
      createdAt: outbox.createdAt,
      toAddress: outbox.toAddress,
      template: outbox.template,
      locale: outbox.locale,
      subject: outbox.subject,
      text: outbox.text,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
    };
    app.get(
      '/operator/mail',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'Mail viewer: the outbox, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), to: z.string().trim().max(254).optional() }),
          response: { 200: z.object({ items: z.array(MailSchema) }) },
        },
      },
      async (req) => {
        const q = db.select(columns).from(outbox);
        const rows = await (req.query.to ? q.where(eq(outbox.toAddress, req.query.to)) : q).orderBy(desc(outbox.id)).limit(req.query.limit);
        return { items: rows };
      },
    );
    app.get(
      '/operator/mail/:mailId/html',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'One mail as the recipient sees it',
          params: z.object({ mailId: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const [row] = await db.select({ html: outbox.html }).from(outbox).where(eq(outbox.id, req.params.mailId));
        if (!row) throw notFound('mail');
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(row.html);
      },
    );
  };
}
