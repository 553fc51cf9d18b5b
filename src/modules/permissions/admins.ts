import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';

export interface Recipient {
  userId: string;
  email: string;
  firstName: string;
  locale: Locale;
}

/**
 * The Administrators of record of a Licensing ID: active users holding an active Administrator
 * grant on it. Requests and notices go to all of them (R-PERM-6, R-PERM-10, R-PERM-11).
 */
export async function administratorsOfRecord(db: DbOrTx, licensingId: string): Promise<Recipient[]> {
  const res = await db.execute<{ user_id: string; email: string; first_name: string; locale: Locale }>(sql`
    select distinct u.id as user_id, u.email, u.first_name, u.locale
    from role_grant g join "user" u on u.id = g.user_id
    where g.licensing_id = ${licensingId} and g.role = 'ADMINISTRATOR' and g.active and u.status = 'active'
    order by u.email`);
  return res.rows.map((r) => ({ userId: r.user_id, email: r.email, firstName: r.first_name, locale: r.locale }));
}

/**
 * The organization's own Administrators: active users of the organization holding an active
 * Administrator grant on one of its Licensing IDs. Identity tells them when the organization's
 * sign-in or directory settings change.
 */
export async function organizationAdministrators(db: DbOrTx, organizationId: string): Promise<Recipient[]> {
  const res = await db.execute<{ user_id: string; email: string; first_name: string; locale: Locale }>(sql`
    select distinct u.id as user_id, u.email, u.first_name, u.locale
    from role_grant g
    join licensing_id l on l.id = g.licensing_id
    join "user" u on u.id = g.user_id
    where l.organization_id = ${organizationId} and u.organization_id = ${organizationId}
      and g.role = 'ADMINISTRATOR' and g.active and u.status = 'active'
    order by u.email`);
  return res.rows.map((r) => ({ userId: r.user_id, email: r.email, firstName: r.first_name, locale: r.locale }));
}
