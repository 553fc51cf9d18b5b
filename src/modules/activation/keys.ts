import { eq } from 'drizzle-orm';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { createKeyVault } from '../keys/key-crypto.js';
import { parseKey } from '../keys/key-format.js';
import { productKey } from '../keys/tables.js';
import { createKeyCache, type ResolvedKey } from './key-cache.js';
import { type Endpoint, keyRefusal } from './rules.js';

export interface KeyInput {
  productKey: string;
  productCode: string;
}

/** The key an activation request names: parsed, found and checked against the request; and its counts. */
export function createKeyLookup({ db, secrets }: Pick<ModuleDeps, 'db' | 'secrets'>) {
  const vault = createKeyVault(secrets.keyEncryptionKey);
  const keyFacts = createKeyCache(db);
  return {
    /** Parses and finds the key, then checks it suits the request (type, product, expiry). Counts nothing. */
    async resolve(input: KeyInput, endpoint: Endpoint, now: Date): Promise<ResolvedKey> {
      const parsed = parseKey(input.productKey);
      if (!parsed.ok) {
        throw invalid(
          'KEY_MALFORMED',
          parsed.reason === 'CHECK'
            ? 'A character of this key is mistyped: its check character does not match.'
            : 'A key has 25 characters in five groups of five.',
          { reason: parsed.reason },
        );
      }
      const row = await keyFacts(vault.lookupHash(parsed.key));
      if (!row) throw new DomainError('KEY_UNKNOWN', 404, 'No such product key has been issued.');
      const refusal = keyRefusal(
        { type: row.type, productCode: row.product.code, licensingStatus: row.licensingStatus, licensingEndDate: row.licensingEndDate },
        { productCode: input.productCode, endpoint },
        now.toISOString().slice(0, 10),
      );
      if (refusal?.code === 'KEY_TYPE_MISMATCH') throw invalid('KEY_TYPE_MISMATCH', refusal.detail, { keyType: row.type });
      if (refusal?.code === 'KEY_PRODUCT_MISMATCH') throw invalid('KEY_PRODUCT_MISMATCH', refusal.detail);
      if (refusal?.code === 'KEY_LICENSING_ID_EXPIRED') throw conflict('KEY_LICENSING_ID_EXPIRED', refusal.detail);
      const { licensingStatus: _s, licensingEndDate: _e, ...key } = row;
      return key;
    },

    /** The key's activations as they stand now (never cached). */
    async counts(keyId: string) {
      const [current] = await db
        .select({ used: productKey.used, limit: productKey.activationLimit })
        .from(productKey)
        .where(eq(productKey.id, keyId));
      if (!current) throw notFound('product key');
      return current;
    },
  };
}

export type KeyLookup = ReturnType<typeof createKeyLookup>;
