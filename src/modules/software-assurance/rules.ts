import { DomainError } from '../../platform/errors.js';
import type { LicensePool } from '../catalog/rules.js';
import { countsOn, coverageActiveOn, type ExpiryNotice, expiryNotice } from '../orders/license-summary-rules.js';
import { ACTIVE_SA_TYPES, type LicenseType } from '../orders/rules.js';
import { type BenefitCode, type BenefitStatus, isMeasured, requiresActivation, type SaDuty, subRoleOf, unitOf } from './benefits.js';

/**
 * The benefit arithmetic (R-SA-1, R-SA-2), pure, with the day passed in. The database sums the SA
 * lines per Licensing ID and product (see sql.ts); `coverageOfLines` is the same summing over
 * single lines, its definition and what the tests compare against.
 */

/** A publisher's rule: each SA-covered license of a qualifying pool or product gives `perLicense` of the benefit. */
export interface BenefitRule {
  benefit: BenefitCode;
  pools: LicensePool[];
  productCodes: string[];
  /** Null for an unmeasured benefit (Dynamics CustomerSource): it is granted, not counted. */
  perLicense: number | null;
}

/** One product's SA coverage on one Licensing ID, on a given day. */
export interface ProductCoverage {
  productCode: string;
  pool: LicensePool;
  /** Licenses under SA whose coverage is active today (R-LIC-2's Active SA). */
  activeQuantity: number;
  /** The latest end of that active coverage; null when none is active. */
  activeUntil: string | null;
  /** The latest end of coverage that has started, active or not: the day an expired benefit ended. */
  lastEnd: string | null;
}

export interface SaLine {
  productCode: string;
  pool: LicensePool;
  licenseType: LicenseType;
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  countsFrom: string;
}

const isSa = (t: LicenseType) => (ACTIVE_SA_TYPES as readonly LicenseType[]).includes(t);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

/** Sums single lines into coverage per product as of `today`: what the SQL computes. */
export function coverageOfLines(lines: readonly SaLine[], today: string): ProductCoverage[] {
  const byProduct = new Map<string, ProductCoverage>();
  for (const l of lines) {
    if (!isSa(l.licenseType) || !countsOn(l, today) || l.coverageStart > today || l.coverageEnd === null) continue;
    const c = byProduct.get(l.productCode) ?? {
      productCode: l.productCode,
      pool: l.pool,
      activeQuantity: 0,
      activeUntil: null,
      lastEnd: null,
    };
    if (coverageActiveOn(l, today)) {
      c.activeQuantity += l.quantity;
      c.activeUntil = later(c.activeUntil, l.coverageEnd);
    }
    c.lastEnd = later(c.lastEnd, l.coverageEnd);
    byProduct.set(l.productCode, c);
  }
  return [...byProduct.values()];
}

/** What happened to a benefit on a Licensing ID: the rest of its status is derived. */
export interface BenefitState {
  activated: boolean;
  onHold: boolean;
  /** Consumed by the benefit's uses not cancelled (sa_benefit_use: training vouchers, R-SA-5). */
  used: number;
}

export interface Benefit {
  benefit: BenefitCode;
  unit: ReturnType<typeof unitOf>;
  status: BenefitStatus;
  /** Null for an unmeasured benefit. */
  eligibleQuantity: number | null;
  /** What its uses take (R-SA-5): eligible − used is what remains. */
  usedQuantity: number | null;
  quantityRemaining: number | null;
  /** The end of the SA coverage the benefit follows (the last one, once expired). */
  expiresOn: string | null;
  expiry: { notice: ExpiryNotice; daysLeft: number | null };
  requiresActivation: boolean;
  subRole: SaDuty | null;
}

/** The rules each product qualifies for, by pool or by code, worked out once per product rather than per rule and product. */
function rulesByProduct(rules: readonly BenefitRule[], coverage: readonly ProductCoverage[]): Map<ProductCoverage, BenefitRule[]> {
  const out = new Map<ProductCoverage, BenefitRule[]>();
  for (const c of coverage) {
    const matching = rules.filter((r) => r.pools.includes(c.pool) || r.productCodes.includes(c.productCode));
    if (matching.length) out.set(c, matching);
  }
  return out;
}

/** Floating products of decimals (0.29 × 100) land a hair below the whole number they are. */
const wholeUnits = (x: number) => Math.floor(x + 1e-9);

export const NO_STATE: BenefitState = { activated: false, onHold: false, used: 0 };

/** One benefit's qualifying SA coverage summed over the products of one Licensing ID: what its figures follow. */
export interface BenefitTotal {
  /** Qualifying active SA licenses times each matching rule's quantity, before rounding to whole units. */
  eligible: number;
  /** The latest end of the qualifying coverage active today; null when none is. */
  activeUntil: string | null;
  /** The latest end of the qualifying coverage that has started, active or not. */
  lastEnd: string | null;
}

/**
 * R-SA-1: the coverage of one Licensing ID's products summed per benefit through the rules each
 * product qualifies for (a product matched by a rule's pool and code counts once for that rule).
 * The database computes the same per Licensing ID in one pass (sql.ts benefitTotalsSql).
 */
export function benefitTotals(coverage: readonly ProductCoverage[], rules: readonly BenefitRule[]): Map<BenefitCode, BenefitTotal> {
  const acc = new Map<BenefitCode, BenefitTotal>();
  for (const [c, matching] of rulesByProduct(rules, coverage)) {
    for (const r of matching) {
      const a = acc.get(r.benefit) ?? { eligible: 0, activeUntil: null, lastEnd: null };
      a.eligible += c.activeQuantity * (r.perLicense ?? 0);
      a.activeUntil = later(a.activeUntil, c.activeUntil);
      a.lastEnd = later(a.lastEnd, c.lastEnd);
      acc.set(r.benefit, a);
    }
  }
  return acc;
}

/**
 * R-SA-1, R-SA-2: the benefits of one Licensing ID on `today`. A benefit is offered once any
 * qualifying SA coverage has started; its eligible quantity is the qualifying active SA licenses
 * times the rule's quantity, in whole units; it expires with the last qualifying coverage
 * (eligible then 0, no further action). HAR is the publisher's hold and wins over the customer's
 * activation; a benefit managed offline needs no activation.
 */
export function benefitsOf(
  coverage: readonly ProductCoverage[],
  rules: readonly BenefitRule[],
  states: ReadonlyMap<BenefitCode, BenefitState>,
  today: string,
  notice: { soonDays: number; urgentDays: number },
): Benefit[] {
  return benefitsOfTotals(benefitTotals(coverage, rules), states, today, notice);
}

/** The same from the totals per benefit, however they were summed (here or in the database). */
export function benefitsOfTotals(
  totals: ReadonlyMap<BenefitCode, BenefitTotal>,
  states: ReadonlyMap<BenefitCode, BenefitState>,
  today: string,
  notice: { soonDays: number; urgentDays: number },
): Benefit[] {
  const out: Benefit[] = [];
  for (const [benefit, a] of totals) {
    if (a.lastEnd === null) continue;
    const state = states.get(benefit) ?? NO_STATE;
    const expired = a.activeUntil === null;
    const measured = isMeasured(benefit);
    const eligible = expired ? 0 : wholeUnits(a.eligible);
    const status: BenefitStatus = expired
      ? 'EXPIRED'
      : state.onHold
        ? 'HAR'
        : state.activated || !requiresActivation(benefit)
          ? 'ACTIVATED'
          : 'REQUIRES_ACTIVATION';
    const expiresOn = a.activeUntil ?? a.lastEnd;
    out.push({
      benefit,
      unit: unitOf(benefit),
      status,
      eligibleQuantity: measured ? eligible : null,
      usedQuantity: measured ? state.used : null,
      quantityRemaining: measured ? Math.max(0, eligible - state.used) : null,
      expiresOn,
      expiry: expiryNotice(expiresOn, today, notice.soonDays, notice.urgentDays),
      requiresActivation: requiresActivation(benefit),
      subRole: subRoleOf(benefit),
    });
  }
  return out;
}

/** A benefit the Licensing ID does not have: 404 with its own code, so a client tells it from an unknown Licensing ID. */
export const notOffered = () => new DomainError('SA_BENEFIT_NOT_OFFERED', 404, 'This Licensing ID has no such benefit.');

export type ActivationRefusal =
  | 'SA_BENEFIT_NOT_OFFERED'
  | 'SA_BENEFIT_NO_ACTIVATION'
  | 'SA_BENEFIT_ALREADY_ACTIVATED'
  | 'SA_BENEFIT_ON_HOLD'
  | 'SA_BENEFIT_EXPIRED';

/** R-SA-2: only a benefit in Requires Activation can be activated; why not, otherwise. */
export function activationRefusal(b: Benefit | undefined): ActivationRefusal | null {
  if (!b) return 'SA_BENEFIT_NOT_OFFERED';
  if (!b.requiresActivation) return 'SA_BENEFIT_NO_ACTIVATION';
  switch (b.status) {
    case 'REQUIRES_ACTIVATION':
      return null;
    case 'ACTIVATED':
      return 'SA_BENEFIT_ALREADY_ACTIVATED';
    case 'HAR':
      return 'SA_BENEFIT_ON_HOLD';
    case 'EXPIRED':
      return 'SA_BENEFIT_EXPIRED';
  }
}

/** The SA Manager grants a user holds on a Licensing ID: each its duties, null for "All". */
export interface SaHolding {
  administrator: boolean;
  saManagerDuties: (readonly string[] | null)[];
}

/**
 * R-PERM-8: an Administrator manages every benefit; an SA Manager those of the duties their role
 * keeps (all when not narrowed). A benefit without a duty is open to any SA Manager.
 */
export function mayManageBenefit(h: SaHolding, benefit: BenefitCode): boolean {
  if (h.administrator) return true;
  const duty = subRoleOf(benefit);
  return h.saManagerDuties.some((d) => d === null || duty === null || d.includes(duty));
}
