import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { deactivatedOn } from './deactivation.js';
import { roleGrant } from './tables.js';

/**
 * R-ID-3: grants that wait for an address to be confirmed. Someone who registers from an
 * invitation with another address than the invited one holds nothing until the invited address
 * confirms; identity calls these (see app.ts) in its registration and confirmation transactions.
 */

/** Sets the user's active grants inactive until the address is confirmed; returns their ids. */
export async function holdForConfirmation(tx: DbOrTx, userId: string, now: Date): Promise<string[]> {
  const held = await tx
    .update(roleGrant)
    .set({ active: false, updatedAt: now })
    .where(and(eq(roleGrant.userId, userId), eq(roleGrant.active, true)))
    .returning({ id: roleGrant.id });
  return held.map((g) => g.id);
}

/** Activates exactly the held grants that are still inactive; returns their ids. */
export async function releaseHeld(tx: DbOrTx, held: { userId: string; grantIds: readonly string[]; now: Date }): Promise<string[]> {
  if (held.grantIds.length === 0) return [];
  const activated = await tx
    .update(roleGrant)
    .set({ active: true, updatedAt: held.now })
    .where(
      and(
        inArray(roleGrant.id, [...held.grantIds]),
        eq(roleGrant.userId, held.userId),
        eq(roleGrant.active, false),
        // A confirmation that arrives after the organization deactivated the person gives nothing there (R-PERM-7).
        sql`not ${deactivatedOn(roleGrant.userId, roleGrant.licensingId)}`,
      ),
    )
    .returning({ id: roleGrant.id });
  return activated.map((g) => g.id);
}
