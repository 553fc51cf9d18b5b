import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { licensingId } from './tables.js';

/**
 * R-PERM-10: whether Add Open License is on is a setting of the Licensing ID, kept on its row.
 * The permissions module, whose use-case the switch is, turns it through this (in its transaction).
 */
export async function setAddOpenEnabled(tx: DbOrTx, id: string, enabled: boolean): Promise<void> {
  await tx.update(licensingId).set({ addOpenEnabled: enabled }).where(eq(licensingId.id, id));
}
