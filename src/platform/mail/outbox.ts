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
