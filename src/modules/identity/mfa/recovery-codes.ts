import { createHmac, randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { deriveKey } from '../../../platform/sealed.js';
import { recoveryCode } from '../tables.js';
import { recoveryCode as newCode, normalizeRecoveryCode } from './rules.js';

/**
 * Recovery codes are stored as an HMAC under a key derived from KEY_ENCRYPTION_KEY: a copied
 * database alone does not let anyone try the (short) codes offline.
 */
export function createRecoveryCodes(keyEncryptionKey: Buffer) {
  const key = deriveKey(keyEncryptionKey, 'lsc recovery-code v1');
  const hash = (userId: string, typed: string) =>
    createHmac('sha256', key)
      .update(`${userId}:${normalizeRecoveryCode(typed)}`)
      .digest('hex');

  return {
    /** A new set (the old one stops working); the codes are returned to be shown once. */
    async replace(tx: DbOrTx, userId: string, count: number, now: Date): Promise<string[]> {
      const codes = new Set<string>();
      while (codes.size < count) codes.add(newCode(randomInt));
      await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
      await tx.insert(recoveryCode).values([...codes].map((code) => ({ userId, codeHash: hash(userId, code), createdAt: now })));
      return [...codes];
    },

    /** Spends a code once: 'used' for one spent before, 'wrong' for one that is not the user's. */
    async spend(tx: DbOrTx, userId: string, typed: string, now: Date): Promise<'ok' | 'used' | 'wrong'> {
      const codeHash = hash(userId, typed);
      const [spent] = await tx
        .update(recoveryCode)
        .set({ usedAt: now })
        .where(and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, codeHash), isNull(recoveryCode.usedAt)))
        .returning({ id: recoveryCode.id });
      if (spent) return 'ok';
      const [known] = await tx
        .select({ id: recoveryCode.id })
        .from(recoveryCode)
        .where(and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, codeHash)));
      return known ? 'used' : 'wrong';
    },

    async clear(tx: DbOrTx, userId: string): Promise<void> {
      await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    },
  };
}

export type RecoveryCodes = ReturnType<typeof createRecoveryCodes>;
