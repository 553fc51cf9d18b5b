import { sql } from 'drizzle-orm';
import { holdersSql } from '../../../platform/authz/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../../platform/mail/templates.js';
import { mailDate } from '../../support/mail-format.js';
import type { PartnerChangeView } from './read.js';

export { mailDate };

/** The Licensing IDs of a request as mails name them. */
export const numbersOf = (change: Pick<PartnerChangeView, 'lines'>) => change.lines.map((l) => l.number).join(', ');

/** Where a customer's Administrator reads the request, and where the new partner answers it. */
export const customerPath = (id: string) => `/licenses/partner-changes/${id}`;
export const partnerPath = (id: string) => `/partner-change/incoming/${id}`;

/**
 * Mails the requester and every active Administrator (partner.change) of the request's Licensing
 * IDs, once each, in their own language.
 */
export async function mailCustomer(
  tx: DbOrTx,
  change: PartnerChangeView,
  template: MailTemplate,
  params: (locale: Locale) => MailParams,
  publicUrl: string,
) {
  const ids = sql`any(${sql.param(change.lines.map((l) => l.licensingId))}::uuid[])`;
  const people = await tx.execute<{ email: string; first_name: string; locale: Locale }>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.status = 'active' and (u.id = ${change.requestedById} or u.id in (${holdersSql(ids, 'partner.change')}))
    order by u.email`);
  for (const p of people.rows) {
    await enqueueMail(tx, {
      to: p.email,
      locale: p.locale,
      template,
      params: {
        firstName: p.first_name || p.email,
        reference: change.reference,
        partner: change.newPartner.name,
        licensingIds: numbersOf(change),
        url: `${publicUrl}${customerPath(change.id)}`,
        ...params(p.locale),
      },
    });
  }
}

/** The language of a partner's address: its user's, when one has it; English otherwise (partners are often abroad). */
export async function localeOfAddress(tx: DbOrTx, email: string): Promise<Locale> {
  const res = await tx.execute<{ locale: Locale }>(sql`select locale from "user" where lower(email) = lower(${email}) limit 1`);
  return res.rows[0]?.locale ?? 'en';
}

/** The customer's named contact at the new partner. */
export async function mailNewPartner(
  tx: DbOrTx,
  change: PartnerChangeView,
  template: MailTemplate,
  params: (locale: Locale) => MailParams,
) {
  const locale = await localeOfAddress(tx, change.contact.email);
  await enqueueMail(tx, {
    to: change.contact.email,
    locale,
    template,
    params: {
      contactName: change.contact.name,
      customer: change.customer,
      partner: change.newPartner.name,
      reference: change.reference,
      licensingIds: numbersOf(change),
      ...params(locale),
    },
  });
}
