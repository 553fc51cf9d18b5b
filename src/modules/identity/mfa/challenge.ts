import { and, eq, gt, lt } from 'drizzle-orm';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { secondStepChallenge } from '../tables.js';
import { minutesAfter } from './rules.js';

export type SecondStepPurpose = 'verify' | 'enrol';

export const secondStepExpired = () =>
  new DomainError('SECOND_STEP_EXPIRED', 401, 'This sign-in has expired or was already completed. Sign in again with your password.');

/**
 * The second step of a sign-in, handed out after a correct password instead of a session. The
 * token goes back to the caller once; only its hash is kept, for SECOND_FACTOR_CHALLENGE_MINUTES.
 */
export async function openSecondStep(
  db: DbOrTx,
  input: { userId: string; purpose: SecondStepPurpose; clientAddress: string; now: Date; minutes: number },
): Promise<{ challenge: string; expiresAt: Date }> {
  const challenge = randomToken();
  const expiresAt = minutesAfter(input.now, input.minutes);
  // A user's finished or abandoned steps go when a new one starts.
  await db
    .delete(secondStepChallenge)
    .where(and(eq(secondStepChallenge.userId, input.userId), lt(secondStepChallenge.expiresAt, input.now)));
  await db.insert(secondStepChallenge).values({
    idHash: sha256(challenge),
    userId: input.userId,
    purpose: input.purpose,
    clientAddress: input.clientAddress,
    createdAt: input.now,
    expiresAt,
  });
  return { challenge, expiresAt };
}

export type SecondStep = typeof secondStepChallenge.$inferSelect;

/** The live step of this token and purpose, or SECOND_STEP_EXPIRED. */
export async function findSecondStep(db: DbOrTx, challenge: string, purpose: SecondStepPurpose, now: Date): Promise<SecondStep> {
  const [row] = await db
    .select()
    .from(secondStepChallenge)
    .where(
      and(
        eq(secondStepChallenge.idHash, sha256(challenge)),
        eq(secondStepChallenge.purpose, purpose),
        gt(secondStepChallenge.expiresAt, now),
      ),
    );
  if (!row) throw secondStepExpired();
  return row;
}

/** Ends the step: exactly one completion wins, a second one (in parallel or replayed) finds nothing. */
export async function endSecondStep(db: DbOrTx, challenge: string): Promise<void> {
  const ended = await db
    .delete(secondStepChallenge)
    .where(eq(secondStepChallenge.idHash, sha256(challenge)))
    .returning({ userId: secondStepChallenge.userId });
  if (ended.length === 0) throw secondStepExpired();
}

export async function rememberWebauthnChallenge(db: DbOrTx, challenge: string, webauthnChallenge: string): Promise<void> {
  await db
    .update(secondStepChallenge)
    .set({ webauthnChallenge })
    .where(eq(secondStepChallenge.idHash, sha256(challenge)));
}
