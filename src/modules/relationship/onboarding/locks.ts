import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';

/** One key for every onboarding write: an import takes it alone, the API's single changes share it. */
const ONBOARDING = sql`hashtextextended('relationship:onboarding', 0)`;

/**
 * An import writes organizations and invited accounts for thousands of domains and addresses; a
 * lock per name (as one agreement takes) would overflow the server's lock table. So the import
 * waits for the single changes under way and holds them off until it commits, in one lock, taken
 * before it reads what the database holds.
 */
export async function lockForImport(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ONBOARDING})`);
}

/** A single change (an agreement, a contact, an owner) runs beside other single changes, not beside an import. */
export async function shareOnboardingLock(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${ONBOARDING})`);
}
