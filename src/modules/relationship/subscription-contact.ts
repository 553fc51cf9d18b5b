import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

export interface SubscriptionContact {
  name: string;
  email: string;
}

/** The Online Services Manager of record (the subscription contact, R-OS-1) of a Licensing ID, if one is listed. */
export async function subscriptionContactOf(
  db: DbOrTx,
  licensingId: string,
): Promise<(SubscriptionContact & { userId: string | null }) | null> {
  const res = await db.execute<{ name: string; email: string; user_id: string | null }>(sql`
    select name, email, user_id from contact
    where licensing_id = ${licensingId} and type = 'ONLINE_SERVICES_MANAGER'
    order by email limit 1`);
  const r = res.rows[0];
  return r ? { name: r.name, email: r.email, userId: r.user_id } : null;
}

/**
 * R-OS-2: an Administrator names the subscription contact (the Online Services Manager) of a
 * Licensing ID; the online-services module calls this in its transaction and resends the
 * activation mail. The contact rows are this module's; the role the contact holds follows from them
 * (the caller syncs the grants).
 */
export async function setSubscriptionContact(
  tx: DbOrTx,
  licensingId: string,
  contact: SubscriptionContact & { userId: string | null },
): Promise<SubscriptionContact | null> {
  const old = await subscriptionContactOf(tx, licensingId);
  await tx.execute(sql`delete from contact where licensing_id = ${licensingId} and type = 'ONLINE_SERVICES_MANAGER'`);
  await tx.execute(sql`
    insert into contact (licensing_id, type, name, email, user_id)
    values (${licensingId}, 'ONLINE_SERVICES_MANAGER', ${contact.name}, ${contact.email.toLowerCase()}, ${contact.userId})`);
  return old ? { name: old.name, email: old.email } : null;
}

/** The subscription contacts of many Licensing IDs in one query (the Online Services page lists them all). */
export async function subscriptionContactsOf(db: DbOrTx, licensingIds: readonly string[]): Promise<Map<string, SubscriptionContact>> {
  if (licensingIds.length === 0) return new Map();
  const res = await db.execute<{ licensing_id: string; name: string; email: string }>(sql`
    select distinct on (licensing_id) licensing_id, name, email from contact
    where licensing_id = any(${sql.param([...licensingIds])}::uuid[]) and type = 'ONLINE_SERVICES_MANAGER'
    order by licensing_id, email`);
  return new Map(res.rows.map((r) => [r.licensing_id, { name: r.name, email: r.email }]));
}
