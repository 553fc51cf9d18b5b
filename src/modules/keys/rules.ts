import type { Config } from '../../config.js';
import type { LicensePool } from '../catalog/rules.js';

/** R-KEY-2: the key types. */
export const KEY_TYPES = ['MAK', 'KMS_HOST', 'SETUP', 'OSA'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** R-PERM-13: a key request waits in the publisher's queue until decided. */
export const KEY_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'DENIED'] as const;

/** The business numbers of key issuance, from src/config.ts. */
export interface KeyPolicy {
  openTiers: readonly { upTo: number; activations: number }[];
  openPerLicenseAbove: number;
  levelActivations: Readonly<Record<string, number>>;
  defaultActivations: number;
  kmsHostsPerKey: number;
  kmsActivationsPerHost: number;
  osaRedemptions: number;
}

export const keyPolicy = (c: Config): KeyPolicy => ({
  openTiers: c.MAK_OPEN_TIERS,
  openPerLicenseAbove: c.MAK_OPEN_PER_LICENSE_ABOVE,
  levelActivations: c.MAK_LEVEL_ACTIVATIONS,
  defaultActivations: c.MAK_DEFAULT_ACTIVATIONS,
  kmsHostsPerKey: c.KMS_HOSTS_PER_KEY,
  kmsActivationsPerHost: c.KMS_ACTIVATIONS_PER_HOST,
  osaRedemptions: c.OSA_KEY_REDEMPTIONS,
});

/** What the issuing rules need to know of the Licensing ID's program. */
export interface ProgramTerms {
  /** R-KEY-1: Enterprise, Select, Select Plus (and Campus/School) get keys per pool; Open programs per purchased product. */
  keysPerPool: boolean;
  priceLevel: string | null;
}

/**
 * R-KEY-3: MAK activations from program and price level. Open programs by the number of licenses
 * bought (more than needed, for reimaging and virtual machines: 1–25 licenses → 50); the others
 * by price level, since KMS is their preferred method.
 */
export function makActivations(policy: KeyPolicy, terms: ProgramTerms, licenses: number): number {
  if (terms.keysPerPool) return policy.levelActivations[terms.priceLevel?.trim().toUpperCase() ?? ''] ?? policy.defaultActivations;
  const tier = policy.openTiers.find((t) => licenses <= t.upTo);
  return tier ? tier.activations : Math.max(licenses, 0) * policy.openPerLicenseAbove;
}

/**
 * What one key allows: activations for a MAK, hosts for a KMS host key, redemptions for an OSA
 * key; a setup key unlocks installation and is never activated (R-KEY-2).
 */
export function activationLimit(policy: KeyPolicy, type: KeyType, terms: ProgramTerms, licenses: number): number {
  switch (type) {
    case 'MAK':
      return makActivations(policy, terms, licenses);
    case 'KMS_HOST':
      return policy.kmsHostsPerKey;
    case 'OSA':
      return policy.osaRedemptions;
    case 'SETUP':
      return 0;
  }
}

export interface LicensedLine {
  orderLineId: number;
  productId: string;
  licenseType: string;
  quantity: number;
}

export interface CatalogProduct {
  id: string;
  pool: LicensePool;
  requiresKey: boolean;
  isCal: boolean;
}

export interface ExistingKey {
  id: string;
  type: KeyType;
  productId: string;
  activationLimit: number;
  sourceOrderLineId: number | null;
}

export interface PlannedKey {
  type: KeyType;
  productId: string;
  activationLimit: number;
  /** OSA keys redeem one order line's subscription; the others belong to the product. */
  sourceOrderLineId: number | null;
}

export type NoKeyReason = 'CAL' | 'NO_KEY_REQUIRED';

export interface KeyPlan {
  issue: PlannedKey[];
  /** Open MAKs whose product was bought again: the limit follows the licenses, never down. */
  raise: { keyId: string; activationLimit: number }[];
  /** R-KEY-2, R-DL-4: licensed products that need no key, and why, for the product page to say so. */
  noKeyNeeded: { productId: string; reason: NoKeyReason }[];
}

/** Coverage-only and online-service lines license no installable copy. */
const INSTALLABLE = new Set(['FULL', 'UPGRADE', 'LSA', 'SA_STEP_UP', 'SUBSCRIPTION']);
const ONLINE_SERVICE = 'ONLINE_SERVICE';

/** R-KEY-3: the licenses of a product an Open MAK is sized by. */
export const licensesOf = (lines: readonly LicensedLine[], productId: string) =>
  lines.filter((l) => l.productId === productId && INSTALLABLE.has(l.licenseType)).reduce((n, l) => n + l.quantity, 0);

/**
 * R-KEY-1, R-KEY-2, R-KEY-5: the keys a Licensing ID should hold. Per-pool programs get a MAK and a
 * KMS host key for every key-requiring product of each pool they license; Open programs a MAK for
 * each product they bought (no KMS key: only by exception, R-PERM-13) and a single-use OSA key for
 * each online-service line. Keys already issued are not issued again.
 */
export function planKeys(
  policy: KeyPolicy,
  terms: ProgramTerms,
  lines: readonly LicensedLine[],
  catalog: ReadonlyMap<string, CatalogProduct>,
  existing: readonly ExistingKey[],
): KeyPlan {
  const licenses = new Map<string, number>();
  for (const id of new Set(lines.filter((l) => INSTALLABLE.has(l.licenseType)).map((l) => l.productId)))
    licenses.set(id, licensesOf(lines, id));
  const pools = new Set([...licenses.keys()].map((id) => catalog.get(id)?.pool).filter((p) => p !== undefined));
  const covered = terms.keysPerPool
    ? [...catalog.values()].filter((p) => pools.has(p.pool))
    : [...licenses.keys()].map((id) => catalog.get(id));

  const plan: KeyPlan = { issue: [], raise: [], noKeyNeeded: [] };
  const held = (type: KeyType, productId: string) =>
    existing.find((k) => k.type === type && k.productId === productId && k.sourceOrderLineId === null);
  const types: KeyType[] = terms.keysPerPool ? ['MAK', 'KMS_HOST'] : ['MAK'];
  for (const product of covered.filter((p) => p !== undefined).sort((a, b) => a.id.localeCompare(b.id))) {
    if (product.isCal || !product.requiresKey) {
      plan.noKeyNeeded.push({ productId: product.id, reason: product.isCal ? 'CAL' : 'NO_KEY_REQUIRED' });
      continue;
    }
    for (const type of types) {
      const limit = activationLimit(policy, type, terms, licenses.get(product.id) ?? 0);
      const key = held(type, product.id);
      if (!key) plan.issue.push({ type, productId: product.id, activationLimit: limit, sourceOrderLineId: null });
      else if (type === 'MAK' && !terms.keysPerPool && limit > key.activationLimit)
        plan.raise.push({ keyId: key.id, activationLimit: limit });
    }
  }
  if (!terms.keysPerPool) {
    for (const line of lines) {
      if (line.licenseType !== ONLINE_SERVICE || catalog.get(line.productId)?.isCal) continue;
      if (existing.some((k) => k.sourceOrderLineId === line.orderLineId)) continue;
      plan.issue.push({
        type: 'OSA',
        productId: line.productId,
        activationLimit: policy.osaRedemptions,
        sourceOrderLineId: line.orderLineId,
      });
    }
  }
  return plan;
}
