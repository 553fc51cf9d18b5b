import { sql } from 'drizzle-orm';
import { insertUnnest } from '../db/bulk-insert.js';
import type { DbOrTx } from '../db/client.js';
import type { Locale } from '../i18n/locale.js';
import { outbox } from '../tables.js';
import { type MailParams, type MailTemplate, renderMail } from './templates.js';

export interface MailRequest {
  to: string;
  locale: Locale;
  template: MailTemplate;
  params: MailParams;
}

/**
 * Queues a mail in the caller's transaction: it is sent only if the change it reports commits.
 * Two renderings are stored: the recipient's, and the staff's with the template's secret
 * parameters withheld (the mail viewer reads only that one).
 */
export async function enqueueMail(tx: DbOrTx, mail: MailRequest): Promise<void> {
  const rendered = renderMail(mail.template, mail.locale, mail.params);
  await tx.insert(outbox).values({ toAddress: mail.to, template: mail.template.name, locale: mail.locale, ...rendered });
}

/** An outbox row as the table's columns name it, both renderings included. */
export interface OutboxRow {
  to_address: string;
  template: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  redacted_text: string;
  redacted_html: string;
}

/**
 * The outbox rows of mails, rendered: for a write done in one SQL statement (a function of the
 * migrations taking them as a JSON array), where enqueueMails cannot be called in between.
 */
export function outboxRows(mails: readonly MailRequest[]): OutboxRow[] {
  return mails.map((m) => {
    const r = renderMail(m.template, m.locale, m.params);
    return {
      to_address: m.to,
      template: m.template.name,
      locale: m.locale,
      subject: r.subject,
      text: r.text,
      html: r.html,
      redacted_text: r.redactedText,
      redacted_html: r.redactedHtml,
    };
  });
}

/** Many mails queued at once (an import's welcome mails), in a few statements; as enqueueMail otherwise. */
export async function enqueueMails(tx: DbOrTx, mails: readonly MailRequest[]): Promise<void> {
  const rows: Record<string, unknown>[] = outboxRows(mails).map((r) => ({ ...r }));
  const columns = {
    to_address: 'text',
    template: 'text',
    locale: 'locale',
    subject: 'text',
    text: 'text',
    html: 'text',
    redacted_text: 'text',
    redacted_html: 'text',
  };
  for (let i = 0; i < rows.length; i += 5000) await insertUnnest(tx, 'outbox', columns, rows.slice(i, i + 5000));
}

/**
 * The mails not sent yet (queued, retrying, or given up after the last attempt), for the metrics:
 * a count on outbox_unsent_idx, which holds only the unsent rows of a table that keeps every mail.
 */
export async function outboxDepth(db: DbOrTx): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where sent_at is null`);
  return r.rows[0]?.n ?? 0;
}
