import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/** The purchasing account's number; null when there is no such account. */
export async function accountNumberOf(db: DbOrTx, accountId: string): Promise<string | null> {
  const res = await db.execute<{ number: string }>(sql`select number from purchasing_account where id = ${accountId}`);
  return res.rows[0]?.number ?? null;
}

/** The purchasing account a Licensing ID was bought through, with the partner serving it. */
export async function accountOfLicensingId(
  db: DbOrTx,
  licensingId: string,
): Promise<{ id: string; number: string; name: string; organizationId: string; partnerOrganizationId: string | null } | null> {
  const res = await db.execute<{
    id: string;
    number: string;
    name: string;
    organization_id: string;
    partner_organization_id: string | null;
  }>(sql`
    select a.id, a.number, a.name, a.organization_id, a.partner_organization_id
    from purchasing_account_licensing_id x join purchasing_account a on a.id = x.purchasing_account_id
    where x.licensing_id = ${licensingId}`);
  const r = res.rows[0];
  return r
    ? { id: r.id, number: r.number, name: r.name, organizationId: r.organization_id, partnerOrganizationId: r.partner_organization_id }
    : null;
}

/** One purchasing account with the partner serving it. */
export async function accountFacts(
  db: DbOrTx,
  accountId: string,
): Promise<{ id: string; number: string; name: string; organizationId: string; partnerOrganizationId: string | null } | null> {
  const res = await db.execute<{
    id: string;
    number: string;
    name: string;
    organization_id: string;
    partner_organization_id: string | null;
  }>(sql`
    select a.id, a.number, a.name, a.organization_id, a.partner_organization_id from purchasing_account a where a.id = ${accountId}`);
  const r = res.rows[0];
  return r
    ? { id: r.id, number: r.number, name: r.name, organizationId: r.organization_id, partnerOrganizationId: r.partner_organization_id }
    : null;
}
