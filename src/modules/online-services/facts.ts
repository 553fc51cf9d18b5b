import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { emailDomain } from '../identity/rules.js';
import { isOpenProgram } from '../relationship/rules.js';
import { type EnrollmentFacts, isRenewalOf } from './rules.js';

/** What the online-services rules need to know of a Licensing ID. */
export interface Enrollment extends EnrollmentFacts {
  number: string;
  programCode: string;
  open: boolean;
}

export async function enrollmentOf(db: DbOrTx, licensingId: string): Promise<Enrollment | null> {
  const res = await db.execute<{
    id: string;
    organization_id: string;
    name: string;
    number: string;
    program_code: string;
    start_date: string;
    end_date: string | null;
  }>(sql`select id, organization_id, name, number, program_code, start_date, end_date from licensing_id where id = ${licensingId}`);
  const r = res.rows[0];
  if (!r) return null;
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    number: r.number,
    programCode: r.program_code,
    open: isOpenProgram(r.program_code),
    startDate: r.start_date,
    endDate: r.end_date,
  };
}

/** R-OS-5: the account an enrollment is linked to, if any. */
export async function linkedAccountOf(db: DbOrTx, licensingId: string): Promise<{ accountId: string; name: string } | null> {
  const res = await db.execute<{ account_id: string; name: string }>(sql`
    select e.account_id, a.name from service_enrollment e join service_account a on a.id = e.account_id
    where e.licensing_id = ${licensingId}`);
  const r = res.rows[0];
  return r ? { accountId: r.account_id, name: r.name } : null;
}

/** R-OS-6: the linked enrollment of the same organization this one renews, the latest if several. */
export async function renewedEnrollment(
  db: DbOrTx,
  next: Enrollment,
): Promise<{ licensingId: string; accountId: string; endDate: string | null } | null> {
  const res = await db.execute<{
    id: string;
    organization_id: string;
    name: string;
    start_date: string;
    end_date: string | null;
    account_id: string;
  }>(sql`
    select l.id, l.organization_id, l.name, l.start_date, l.end_date, e.account_id
    from licensing_id l join service_enrollment e on e.licensing_id = l.id
    where l.organization_id = ${next.organizationId} and l.id <> ${next.id}
    order by l.end_date desc nulls last`);
  const found = res.rows.find((r) =>
    isRenewalOf(next, { id: r.id, organizationId: r.organization_id, name: r.name, startDate: r.start_date, endDate: r.end_date }),
  );
  return found ? { licensingId: found.id, accountId: found.account_id, endDate: found.end_date } : null;
}

/** R-OS-4: an account with this address's domain verified, and one this address administers. */
export async function accountsOfAddress(db: DbOrTx, email: string): Promise<{ byDomain: string | null; byAdmin: string | null }> {
  const address = email.toLowerCase();
  const res = await db.execute<{ by_domain: string | null; by_admin: string | null }>(sql`
    select
      (select account_id from service_account_domain where domain = ${emailDomain(address)}) as by_domain,
      (select account_id from service_account_admin where email = ${address} order by account_id limit 1) as by_admin`);
  return { byDomain: res.rows[0]?.by_domain ?? null, byAdmin: res.rows[0]?.by_admin ?? null };
}

/** The online services ordered under a Licensing ID: product ids. */
export async function servicesOrdered(db: DbOrTx, licensingId: string): Promise<string[]> {
  const res = await db.execute<{ product_id: string }>(sql`
    select distinct product_id from order_line where licensing_id = ${licensingId} and license_type = 'ONLINE_SERVICE'`);
  return res.rows.map((r) => r.product_id);
}

export async function productNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const res = await db.execute<{ id: string; code: string; name: string }>(
    sql`select id, code, name from product where id = any(${sql.param([...ids])}::uuid[])`,
  );
  return new Map(res.rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** R-OS-6: add-on service → its base service. */
export async function addOnBases(db: DbOrTx): Promise<Map<string, string>> {
  const res = await db.execute<{ add_on_product_id: string; base_product_id: string }>(
    sql`select add_on_product_id, base_product_id from service_add_on`,
  );
  return new Map(res.rows.map((r) => [r.add_on_product_id, r.base_product_id]));
}
