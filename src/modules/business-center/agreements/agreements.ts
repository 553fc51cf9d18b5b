import { type SQL, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { accountVisibleTo } from '../../../platform/authz/account-scope.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { bcAgreementMails, MAIL_WORDS } from './mails.js';
import { customerPath, mailAccountHolders, mailPartnerUsers } from './notify.js';
import type { AgreementFilter } from './schemas.js';
import { agreementAnniversary } from './tables.js';

type AgreementRow = {
  id: string;
  number: string;
  name: string | null;
  program_code: string;
  status: 'ACTIVE' | 'INACTIVE' | 'EXPIRED';
  start_date: string | null;
  end_date: string | null;
  anniversary_month: number | null;
  account_id: string;
  account_number: string;
  account_name: string;
  city: string;
  country: string;
  total: number;
};

const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** R-BC-3: each filter the agreements list offers, as a condition over `l` (Licensing ID) and `a` (account). */
function conditions(f: AgreementFilter): SQL[] {
  const out: SQL[] = [];
  if (f.accountName) out.push(sql`a.name ilike ${contains(f.accountName)}`);
  if (f.accountNumber) out.push(sql`a.number ilike ${contains(f.accountNumber)}`);
  if (f.agreementNumber) out.push(sql`l.number ilike ${contains(f.agreementNumber)}`);
  if (f.startFrom) out.push(sql`l.start_date >= ${f.startFrom}::date`);
  if (f.startTo) out.push(sql`l.start_date <= ${f.startTo}::date`);
  if (f.status) out.push(sql`l.status = ${f.status}`);
  if (f.location) out.push(sql`(a.city ilike ${contains(f.location)} or a.country ilike ${f.location})`);
  return out;
}

const monthName = (month: number, locale: Locale) =>
  new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' });

/**
 * R-BC-3: the agreements (Licensing IDs) bought through purchasing accounts, filtered and paged;
 * the anniversary month of an active one and the account's address and contact are edited by
 * those who may manage the account, audited, and mailed to its administrators and its partner.
 */
export function createAgreementService({ db, clock, publicUrl }: { db: Db; clock: Clock; publicUrl: string }) {
  async function list(scope: SQL, f: AgreementFilter) {
    const where = sql.join([scope, ...conditions(f)], sql` and `);
    const res = await db.execute<AgreementRow>(sql`
      select l.id, l.number, l.name, l.program_code, l.status, l.start_date::text, l.end_date::text, m.month as anniversary_month,
        a.id as account_id, a.number as account_number, a.name as account_name, a.city, a.country,
        count(*) over ()::int as total
      from purchasing_account_licensing_id x
      join purchasing_account a on a.id = x.purchasing_account_id
      join licensing_id l on l.id = x.licensing_id
      left join agreement_anniversary m on m.licensing_id = l.id
      where ${where}
      order by a.name, a.number, l.number
      limit ${f.limit} offset ${f.offset}`);
    const total = res.rows[0]?.total ?? (f.offset > 0 ? await countOf(where) : 0);
    return {
      total: Number(total),
      items: res.rows.map((r) => ({
        id: r.id,
        number: r.number,
        name: r.name,
        programCode: r.program_code,
        status: r.status,
        startDate: r.start_date,
        endDate: r.end_date,
        anniversaryMonth: r.anniversary_month,
        account: { id: r.account_id, number: r.account_number, name: r.account_name, city: r.city, country: r.country },
      })),
    };
  }

  async function countOf(where: SQL) {
    const res = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from purchasing_account_licensing_id x
      join purchasing_account a on a.id = x.purchasing_account_id join licensing_id l on l.id = x.licensing_id where ${where}`);
    return res.rows[0]?.n ?? 0;
  }

  type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

  async function accountOf(tx: Tx, accountId: string) {
    const res = await tx.execute<{
      number: string;
      name: string;
      partner_organization_id: string | null;
      address_line1: string;
      address_line2: string | null;
      postal_code: string;
      city: string;
      country: string;
      contact_name: string;
      contact_email: string;
    }>(sql`select number, name, partner_organization_id, address_line1, address_line2, postal_code, city, country, contact_name, contact_email
      from purchasing_account where id = ${accountId} for update`);
    const row = res.rows[0];
    if (!row) throw notFound('purchasing account');
    return row;
  }

  async function tell(
    tx: Tx,
    actor: Actor,
    accountId: string,
    account: { number: string; name: string; partner_organization_id: string | null },
    change: (l: Locale) => string,
  ) {
    const params = (locale: Locale) => ({
      account: `${account.name} (${account.number})`,
      editor: actor.email,
      change: change(locale),
      url: `${publicUrl}${customerPath(accountId, 'agreements')}`,
    });
    await mailAccountHolders(tx, accountId, 'account.manage', bcAgreementMails.accountDetailsChanged, params);
    if (account.partner_organization_id)
      await mailPartnerUsers(tx, account.partner_organization_id, bcAgreementMails.accountDetailsChanged, (l) => ({
        ...params(l),
        url: `${publicUrl}/partner/sales-packages`,
      }));
  }

  return {
    /** One account's agreements (the route authorized account.view on it). */
    forAccount: (accountId: string, f: AgreementFilter) => list(sql`a.id = ${accountId}`, f),
    /** Across every account on which the user may view agreements. */
    forUser: (actor: Actor, f: AgreementFilter) => list(accountVisibleTo(actor, 'account.view', sql`a.id`), f),

    async setAnniversaryMonth(actor: Actor, accountId: string, agreementId: string, month: number) {
      return db.transaction(async (tx) => {
        const account = await accountOf(tx, accountId);
        const res = await tx.execute<{ number: string; status: string; month: number | null }>(sql`
          select l.number, l.status, m.month from purchasing_account_licensing_id x join licensing_id l on l.id = x.licensing_id
          left join agreement_anniversary m on m.licensing_id = l.id
          where x.purchasing_account_id = ${accountId} and x.licensing_id = ${agreementId}`);
        const agreement = res.rows[0];
        if (!agreement) throw notFound('agreement');
        if (agreement.status !== 'ACTIVE')
          throw conflict('AGREEMENT_NOT_ACTIVE', 'Only an active agreement’s anniversary month can be changed.');
        const now = clock.now();
        await tx
          .insert(agreementAnniversary)
          .values({ licensingId: agreementId, month, updatedBy: actor.userId, updatedAt: now })
          .onConflictDoUpdate({ target: agreementAnniversary.licensingId, set: { month, updatedBy: actor.userId, updatedAt: now } });
        await audit(tx, actor, {
          action: 'business-center.anniversary-month',
          targetType: 'licensing_id',
          targetId: agreementId,
          before: { month: agreement.month },
          after: { month, purchasingAccountId: accountId },
        });
        await tell(tx, actor, accountId, account, (l) => MAIL_WORDS[l].anniversary(agreement.number, monthName(month, l)));
        return { month };
      });
    },

    async editProfile(
      actor: Actor,
      accountId: string,
      p: {
        address?: { line1: string; line2: string | null; postalCode: string; city: string; country: string } | undefined;
        contact?: { name: string; email: string } | undefined;
      },
    ) {
      await db.transaction(async (tx) => {
        const account = await accountOf(tx, accountId);
        const before = {
          address: {
            line1: account.address_line1,
            line2: account.address_line2,
            postalCode: account.postal_code,
            city: account.city,
            country: account.country,
          },
          contact: { name: account.contact_name, email: account.contact_email },
        };
        const a = p.address;
        const c = p.contact;
        await tx.execute(sql`update purchasing_account set
          address_line1 = ${a ? a.line1 : account.address_line1}, address_line2 = ${a ? a.line2 || null : account.address_line2},
          postal_code = ${a ? a.postalCode : account.postal_code}, city = ${a ? a.city : account.city},
          country = ${a ? a.country : account.country},
          contact_name = ${c ? c.name : account.contact_name}, contact_email = ${c ? c.email : account.contact_email},
          updated_at = ${clock.now()}
          where id = ${accountId}`);
        await audit(tx, actor, {
          action: 'business-center.account-profile',
          targetType: 'purchasing_account',
          targetId: accountId,
          before: { ...(a ? { address: before.address } : {}), ...(c ? { contact: before.contact } : {}) },
          after: p,
        });
        await tell(tx, actor, accountId, account, (l) =>
          [a ? MAIL_WORDS[l].address : null, c ? MAIL_WORDS[l].contact : null].filter(Boolean).join(', '),
        );
      });
    },
  };
}
