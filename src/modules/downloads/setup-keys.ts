import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { createKeyVault } from '../keys/key-crypto.js';
import { productKey } from '../keys/tables.js';

/**
 * R-KEY-2, R-KEY-9: the setup keys the download screen shows, only from Licensing IDs where the
 * user holds Product Keys or Administrator (keys.view). The keys module's own `setupKeys` scopes
 * by downloads.get instead, which would show a Download-only user a key, so the lookup is here,
 * read-only against its table and decrypted with its vault.
 */
export function createSetupKeyLookup(keyEncryptionKey: Buffer) {
  const vault = createKeyVault(keyEncryptionKey);
  return async function setupKeysFor(db: DbOrTx, actor: Actor, productId: string): Promise<{ keysVisible: boolean; keys: string[] }> {
    const scope = await visibleLicensingIds(db, actor, 'keys.view');
    if (scope.length === 0) return { keysVisible: false, keys: [] };
    const rows = await db
      .select({ id: productKey.id, sealed: productKey.keyCiphertext })
      .from(productKey)
      .where(and(eq(productKey.type, 'SETUP'), eq(productKey.productId, productId), inArray(productKey.licensingId, scope)))
      .orderBy(productKey.issuedAt);
    // R-KEY-8: one key serves the organization's Licensing IDs; the same value twice is shown once.
    return { keysVisible: true, keys: [...new Set(rows.map((r) => vault.decrypt(r.sealed, r.id)))] };
  };
}
