import { sql } from 'drizzle-orm';
import { holdersSql } from '../../../platform/authz/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../../platform/mail/templates.js';
import type { DelegationRow } from './read.js';

/** Where each side follows a request in the portal. */
export const CUSTOMER_PATH = '/software-assurance/partner-permissions';
export const PARTNER_PATH = '/partner/benefit-permissions';

const numbersOf = (d: DelegationRow) => d.licensingIds.map((l) => l.number).join(', ');

/** Every active Administrator (partner.change) of the request's Licensing IDs, once each, in their own language. */
export async function mailCustomer(tx: DbOrTx, d: DelegationRow, template: MailTemplate, params: MailParams, publicUrl: string) {
  const ids = sql`any(${sql.param(d.licensingIds.map((l) => l.id))}::uuid[])`;
  const people = await tx.execute<{ email: string; first_name: string; locale: Locale }>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.status = 'active' and u.id in (${holdersSql(ids, 'partner.change')}) order by u.email`);
  for (const p of people.rows) {
    await enqueueMail(tx, {
      to: p.email,
      locale: p.locale,
      template,
      params: {
        firstName: p.first_name || p.email,
        partner: d.partner.name,
        licensingIds: numbersOf(d),
        url: `${publicUrl}${CUSTOMER_PATH}`,
        ...params,
      },
    });
  }
}

/** The partner's notification address and the user who asked, once each, in the asker's language. */
export async function mailPartner(tx: DbOrTx, d: DelegationRow, template: MailTemplate, params: MailParams, publicUrl: string) {
  const asker = await tx.execute<{ email: string; locale: Locale }>(
    sql`select email, locale from "user" where id = ${d.requestedById} and status = 'active'`,
  );
  const locale = asker.rows[0]?.locale ?? 'en';
  const to = new Set([d.partnerEmail.toLowerCase(), ...asker.rows.map((r) => r.email.toLowerCase())]);
  for (const email of to) {
    await enqueueMail(tx, {
      to: email,
      locale,
      template,
      params: {
        customer: d.customer.name,
        partner: d.partner.name,
        licensingIds: numbersOf(d),
        url: `${publicUrl}${PARTNER_PATH}`,
        ...params,
      },
    });
  }
}
