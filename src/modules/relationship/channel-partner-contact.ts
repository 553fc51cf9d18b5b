import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * R-REL-6: the partner is shown as the Channel Partner contact of each Licensing ID it serves.
 * The partners module records who serves what and calls this in its transaction; the contact
 * rows are this module's.
 */
export async function setChannelPartnerContact(
  tx: DbOrTx,
  licensingIds: readonly string[],
  partner: { name: string; email: string },
): Promise<void> {
  const ids = sql`${sql.param([...licensingIds])}::uuid[]`;
  await tx.execute(sql`delete from contact where type = 'CHANNEL_PARTNER' and licensing_id = any(${ids})`);
  await tx.execute(sql`
    insert into contact (licensing_id, type, name, email)
    select l, 'CHANNEL_PARTNER', ${partner.name}, ${partner.email} from unnest(${ids}) l`);
}
