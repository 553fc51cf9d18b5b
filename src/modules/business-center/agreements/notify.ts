import { sql } from 'drizzle-orm';
import type { AccountAction } from '../../../platform/authz/account-actions.js';
import { accountHoldersSql } from '../../../platform/authz/account-scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../../platform/mail/templates.js';

type Person = { email: string; first_name: string; locale: Locale };

/** Where each side follows its packages and agreements in the portal. */
export const customerPath = (accountId: string, section: 'sales-packages' | 'agreements') => `/business-center/${accountId}/${section}`;
export const PARTNER_PATH = '/partner/sales-packages';

async function mailEach(tx: DbOrTx, people: Person[], template: MailTemplate, params: (locale: Locale) => MailParams) {
  for (const p of people)
    await enqueueMail(tx, { to: p.email, locale: p.locale, template, params: { firstName: p.first_name || p.email, ...params(p.locale) } });
}

/** The account's active users holding a role allowing `action`, in their own language. */
export async function mailAccountHolders(
  tx: DbOrTx,
  accountId: string,
  action: AccountAction,
  template: MailTemplate,
  params: (locale: Locale) => MailParams,
) {
  const people = await tx.execute<Person>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.status = 'active' and u.id in (${accountHoldersSql(accountId, action)}) order by u.email`);
  await mailEach(tx, people.rows, template, params);
}

/** The active users of the partner organization serving the account. */
export async function mailPartnerUsers(
  tx: DbOrTx,
  partnerOrganizationId: string,
  template: MailTemplate,
  params: (locale: Locale) => MailParams,
) {
  const people = await tx.execute<Person>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.status = 'active' and u.organization_id = ${partnerOrganizationId} order by u.email`);
  await mailEach(tx, people.rows, template, params);
}
