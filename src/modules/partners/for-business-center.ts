import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/** R-BC-5: where a channel partner's notices go (its registered notification address), with its name. */
export async function partnerNoticeAddress(db: DbOrTx, partnerOrganizationId: string): Promise<{ name: string; email: string } | null> {
  const res = await db.execute<{ name: string; email: string }>(sql`
    select o.name, p.notification_email as email
    from channel_partner p join organization o on o.id = p.organization_id
    where p.organization_id = ${partnerOrganizationId}`);
  return res.rows[0] ?? null;
}
