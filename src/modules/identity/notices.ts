import type { DbOrTx } from '../../platform/db/client.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { MailTemplate } from '../../platform/mail/templates.js';
import type { Recipient, RoleGrants } from './role-grants.js';

/** When a security change happened, as the notice mails print it. */
export const minuteStamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Mails every Administrator of the organization, in the caller's transaction. */
export async function mailAdministrators(
  tx: DbOrTx,
  grants: Pick<RoleGrants, 'organizationAdministrators'>,
  organizationId: string,
  template: MailTemplate,
  params: (r: Recipient) => Record<string, string>,
) {
  for (const r of await grants.organizationAdministrators(tx, organizationId)) {
    await enqueueMail(tx, { to: r.email, locale: r.locale, template, params: params(r) });
  }
}
