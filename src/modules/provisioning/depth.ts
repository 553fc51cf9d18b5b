import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

/** Events waiting for delivery to the provisioning system (queued or retrying), for the metrics: a count on provisioning_delivery_due_idx. */
export async function pendingDeliveries(db: DbOrTx): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from provisioning_delivery where state = 'PENDING'`);
  return r.rows[0]?.n ?? 0;
}
