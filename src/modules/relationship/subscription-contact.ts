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
