import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { product } from '../catalog/tables.js';
import type { KeyType } from '../keys/rules.js';
import { productKey } from '../keys/tables.js';
import { licensingId } from '../relationship/tables.js';
import type { CertifiedProduct, LicensePoolCode } from './certificate.js';

/** The key a request names, with what the checks and the certificate need. */
export interface ResolvedKey {
  id: string;
  type: KeyType;
  organizationId: string;
  lastFive: string;
  product: CertifiedProduct;
}

export interface KeyFacts extends ResolvedKey {
  licensingStatus: string;
  licensingEndDate: string | null;
}

/**
 * What a key is never changes (type, product, organization) and its Licensing ID's status rarely
 * does, so those facts are kept briefly per app node: a busy key then costs one statement per
 * activation instead of two. Counts are never cached; an expiry shows within the time to live.
 */
const KEY_FACTS_TTL_MS = 10_000;
const KEY_FACTS_MAX = 10_000;

/** The facts of the key with this lookup hash, from the cache or the database; undefined for a key never issued. */
export function createKeyCache(db: Db) {
  const facts = new Map<string, { at: number; row: KeyFacts }>();
  return async function keyFacts(hash: string): Promise<KeyFacts | undefined> {
    const cached = facts.get(hash);
    if (cached && performance.now() - cached.at < KEY_FACTS_TTL_MS) return cached.row;
    const [found] = await db
      .select({
        id: productKey.id,
        type: productKey.type,
        organizationId: productKey.organizationId,
        lastFive: productKey.lastFive,
        product: { code: product.code, name: product.name, version: product.version, edition: product.edition, pool: product.pool },
        licensingStatus: licensingId.status,
        licensingEndDate: licensingId.endDate,
      })
      .from(productKey)
      .innerJoin(product, eq(product.id, productKey.productId))
      .innerJoin(licensingId, eq(licensingId.id, productKey.licensingId))
      .where(eq(productKey.keyHash, hash));
    if (!found) return undefined;
    const row = { ...found, product: { ...found.product, pool: found.product.pool as LicensePoolCode } };
    if (facts.size >= KEY_FACTS_MAX) facts.delete(facts.keys().next().value ?? '');
    facts.set(hash, { at: performance.now(), row });
    return row;
  };
}
