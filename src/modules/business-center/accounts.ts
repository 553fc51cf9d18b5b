import { type SQL, sql } from 'drizzle-orm';
import { accountRolesHeldSql } from '../../platform/authz/account-scope.js';
import type { Holder } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import type { PurchasingAccount } from './schemas.js';

type Row = {
  id: string;
  number: string;
  name: string;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  country: string;
  contact_name: string;
  contact_email: string;
  partner_id: string | null;
  partner_name: string | null;
  roles: PurchasingAccount['roles'];
  licensing_ids: number;
};

const toAccount = (r: Row): PurchasingAccount => ({
  id: r.id,
  number: r.number,
  name: r.name,
  address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
  contact: { name: r.contact_name, email: r.contact_email },
  partner: r.partner_id && r.partner_name ? { id: r.partner_id, name: r.partner_name } : null,
  roles: r.roles,
  licensingIdCount: Number(r.licensing_ids),
});

/** The accounts on which the user holds any business-center role, matching `where`, by name. */
async function accountsWhere(db: DbOrTx, holder: Holder, where: SQL): Promise<PurchasingAccount[]> {
  const res = await db.execute<Row>(sql`
    select a.id, a.number, a.name, a.address_line1, a.address_line2, a.postal_code, a.city, a.country,
      a.contact_name, a.contact_email, p.id as partner_id, p.name as partner_name,
      ${accountRolesHeldSql(holder, sql`a.id`)} as roles,
      (select count(*) from purchasing_account_licensing_id x where x.purchasing_account_id = a.id)::int as licensing_ids
    from purchasing_account a left join organization p on p.id = a.partner_organization_id
    where a.id in (select r.purchasing_account_id from purchasing_account_role r where r.user_id = ${holder.userId}) and ${where}
    order by a.name, a.number`);
  return res.rows.map(toAccount);
}

/** R-BC-1: the user's purchasing accounts; with exactly one, it is chosen for them. */
export async function myAccounts(db: DbOrTx, holder: Holder) {
  const accounts = await accountsWhere(db, holder, sql`true`);
  return { accounts, chosen: accounts.length === 1 ? (accounts[0]?.id ?? null) : null };
}

/** One of the user's purchasing accounts; another's (or one they hold no role on) does not exist for them. */
export async function myAccount(db: DbOrTx, holder: Holder, accountId: string): Promise<PurchasingAccount> {
  const [account] = await accountsWhere(db, holder, sql`a.id = ${accountId}`);
  if (!account) throw notFound('purchasing account');
  return account;
}

/** The agreements (Licensing IDs) bought through the account, by number. */
export async function accountLicensingIds(db: DbOrTx, accountId: string) {
  const res = await db.execute<{
    id: string;
    number: string;
    name: string | null;
    program_code: string;
    status: string;
    start_date: string | null;
    end_date: string | null;
  }>(sql`
    select l.id, l.number, l.name, l.program_code, l.status, l.start_date::text, l.end_date::text
    from purchasing_account_licensing_id x join licensing_id l on l.id = x.licensing_id
    where x.purchasing_account_id = ${accountId}
    order by l.number`);
  return {
    licensingIds: res.rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      programCode: r.program_code,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
    })),
  };
}
