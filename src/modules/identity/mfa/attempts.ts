import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { hit, retryAfterSeconds } from '../../../platform/rate-limit.js';
import { rateLimited } from '../sign-in/throttle.js';

/**
 * Wrong second-factor codes per account within the sign-in window (a six-digit code is guessable
 * without a limit). Counted before the check, so parallel guesses count too, and forgiven when the
 * code was right. Whoever reaches this already knows the password or holds a session.
 */
export async function countSecondFactorAttempt(
  db: DbOrTx,
  userId: string,
  limit: { max: number; windowSeconds: number },
  now: Date,
): Promise<{ forgive(): Promise<void> }> {
  const key = `second-factor:fail:${userId}`;
  const count = await hit(db, key, limit.windowSeconds, now);
  if (count > limit.max) {
    throw rateLimited('Too many wrong codes. Wait and try again.', await retryAfterSeconds(db, [key], limit.windowSeconds, now));
  }
  return {
    async forgive() {
      await db.execute(sql`update rate_limit set count = greatest(count - 1, 0) where key = ${key}`);
    },
  };
}
