import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { DomainError, notFound } from '../errors.js';
import { fileBody } from '../http/openapi.js';
import { LOCALES } from '../i18n/locale.js';
import { outbox } from '../tables.js';

const MailSchema = z.object({
  id: z.number(),
  createdAt: z.date(),
  toAddress: z.string(),
  template: z.string(),
  locale: z.enum(LOCALES),
  subject: z.string(),
  text: z.string().describe('The staff’s copy: links that carry a credential (invitation, confirmation, reset, deny) are withheld'),
  sentAt: z.date().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
});
z.globalRegistry.add(MailSchema, { id: 'OutboxMail' });

const viewerOff = () =>
  new DomainError(
    'MAIL_VIEWER_OFF',
    404,
    'This deployment delivers mail over SMTP (SMTP_URL), so the outbox viewer is off: mail to customers is read by its recipients only.',
  );

/**
 * The outbox for the publisher's operators, on deployments without SMTP: there it is the only
 * place a mail can be read. It shows the staff's copy, in which every credential a mail carries
 * is withheld (marked where the mail is defined), so an operator can see that an invitation went
 * out but cannot register as the invitee. With SMTP the mail reaches its recipients and the viewer
 * answers MAIL_VIEWER_OFF: staff have no reason to read customers' mail.
 */
export function mailViewerRoutes(db: Db, opts: { smtp: boolean }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const columns = {
      id: outbox.id,
      createdAt: outbox.createdAt,
      toAddress: outbox.toAddress,
      template: outbox.template,
      locale: outbox.locale,
      subject: outbox.subject,
      text: outbox.redactedText,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
    };
    app.get(
      '/operator/mail/viewer',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'Whether this deployment offers the mail viewer (only without SMTP), for the portal’s navigation',
          response: { 200: z.object({ available: z.boolean(), delivery: z.enum(['smtp', 'outbox']) }) },
        },
      },
      async () => ({ available: !opts.smtp, delivery: opts.smtp ? ('smtp' as const) : ('outbox' as const) }),
    );
    app.get(
      '/operator/mail',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'Mail viewer (deployments without SMTP): the outbox newest first, credentials withheld (MAIL_VIEWER_OFF with SMTP)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), to: z.string().trim().max(254).optional() }),
          response: { 200: z.object({ items: z.array(MailSchema) }) },
        },
      },
      async (req) => {
        if (opts.smtp) throw viewerOff();
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
          summary: 'One mail as the recipient sees it, credentials withheld (MAIL_VIEWER_OFF with SMTP)',
          params: z.object({ mailId: z.coerce.number().int().positive() }),
          response: { 200: { description: 'The mail’s HTML', content: { 'text/html': { schema: fileBody('an HTML document') } } } },
        },
      },
      async (req, reply) => {
        if (opts.smtp) throw viewerOff();
        const [row] = await db.select({ html: outbox.redactedHtml }).from(outbox).where(eq(outbox.id, req.params.mailId));
        if (!row) throw notFound('mail');
        return (
          reply
            .type('text/html; charset=utf-8')
            // Shown framed by the portal's mail viewer: this origin may frame it (the app's default is DENY).
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
            .header('x-frame-options', 'SAMEORIGIN')
            .header('cache-control', 'no-store')
            .send(row.html)
        );
      },
    );
  };
}
