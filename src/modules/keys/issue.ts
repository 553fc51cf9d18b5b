import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { catalogFor, licensedLines, licensingTerms } from './entitlements.js';
import type { KeyVault } from './key-crypto.js';
import { generateKey, lastFive } from './key-format.js';
import { type KeyPolicy, type PlannedKey, planKeys } from './rules.js';
import { productKey } from './tables.js';

export interface IssuedKey {
  id: string;
  type: PlannedKey['type'];
  productId: string;
  lastFive: string;
  activationLimit: number;
}

/** Writes a new key: a fresh random value, sealed to its row, findable by its keyed hash. The value is not returned. */
export async function insertKey(
  tx: DbOrTx,
  vault: KeyVault,
  k: PlannedKey & { licensingId: string; organizationId: string; issuedAt: Date; issuedBy: string | null },
): Promise<IssuedKey> {
  const id = randomUUID();
  const value = generateKey(randomBytes);
  await tx.insert(productKey).values({
    id,
    organizationId: k.organizationId,
    licensingId: k.licensingId,
    productId: k.productId,
    type: k.type,
    keyHash: vault.lookupHash(value),
    keyCiphertext: vault.encrypt(value, id),
    lastFive: lastFive(value),
    activationLimit: k.activationLimit,
    sourceOrderLineId: k.sourceOrderLineId,
    issuedAt: k.issuedAt,
    issuedBy: k.issuedBy,
  });
  return { id, type: k.type, productId: k.productId, lastFive: lastFive(value), activationLimit: k.activationLimit };
}

/** The plan for one Licensing ID: its program, its order lines counting on `today`, the catalog and the keys it holds. */
export async function planFor(tx: DbOrTx, policy: KeyPolicy, id: string, today: string) {
  const terms = await licensingTerms(tx, id);
  if (!terms) throw notFound('Licensing ID');
  const lines = await licensedLines(tx, id, today);
  const catalog = await catalogFor(tx, [...new Set(lines.map((l) => l.productId))], terms.keysPerPool);
  const existing = await tx
    .select({
      id: productKey.id,
      type: productKey.type,
      productId: productKey.productId,
      activationLimit: productKey.activationLimit,
      sourceOrderLineId: productKey.sourceOrderLineId,
    })
    .from(productKey)
    .where(eq(productKey.licensingId, id));
  return { terms, plan: planKeys(policy, terms, lines, catalog, existing) };
}

/**
 * R-KEY-1: issues what the plan calls for and raises the Open MAK limits more licenses justify
 * (never lowers one). The Licensing ID row is locked first, so two runs do not issue twice.
 */
export async function issueByRules(tx: DbOrTx, vault: KeyVault, policy: KeyPolicy, id: string, at: { now: Date; by: string | null }) {
  await tx.execute(sql`select 1 from licensing_id where id = ${id} for update`);
  const { terms, plan } = await planFor(tx, policy, id, at.now.toISOString().slice(0, 10));
  const issued: IssuedKey[] = [];
  for (const k of plan.issue) {
    issued.push(
      await insertKey(tx, vault, { ...k, licensingId: id, organizationId: terms.organizationId, issuedAt: at.now, issuedBy: at.by }),
    );
  }
  for (const r of plan.raise) {
    await tx
      .update(productKey)
      .set({ activationLimit: sql`greatest(${productKey.activationLimit}, ${r.activationLimit})` })
      .where(eq(productKey.id, r.keyId));
  }
  return { terms, issued, raised: plan.raise, noKeyNeeded: plan.noKeyNeeded };
}
