import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { user } from './tables.js';

/**
 * The port background jobs use to act for the user who queued them: the user as they are now
 * (an account closed since is null), as an actor whose scope is read again from the grants.
 */
export async function actorForJob(db: DbOrTx, userId: string, requestId: string): Promise<(Actor & { firstName: string }) | null> {
  const [row] = await db
    .select({
      organizationId: user.organizationId,
      email: user.email,
      locale: user.locale,
      firstName: user.firstName,
      isOperator: user.isOperator,
    })
    .from(user)
    .where(and(eq(user.id, userId), eq(user.status, 'active')));
  return row ? { userId, ...row, via: 'session', requestId } : null;
}
