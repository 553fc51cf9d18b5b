import { compareVersions, type LicensePool } from '../catalog/rules.js';
import { COVERAGE_TYPES, type LicenseType } from './rules.js';

/**
 * The License Summary's arithmetic (R-LIC-2, R-LIC-3, R-LIC-5), on quantities already summed per
 * product version and license type. The database does the summing (see license-summary.ts);
 * `bucketLines` is the same summing over single lines, for tests and as its definition.
 */

const isCoverageType = (t: LicenseType) => (COVERAGE_TYPES as readonly LicenseType[]).includes(t);

export interface ProductVersion {
  familyId: string;
  family: string;
  version: string;
  pool: LicensePool;
}

export interface SummaryLine extends ProductVersion {
  licenseType: LicenseType;
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  countsFrom: string;
  isGrant: boolean;
}

/** Quantities of one product version, license type and grant flag on a given day. */
export interface Bucket extends ProductVersion {
  licenseType: LicenseType;
  isGrant: boolean;
  /** Lines that count today (R-LIC-3). */
  quantity: number;
  /** Of those, lines of a coverage type whose coverage is active today. */
  activeQuantity: number;
}

/** R-LIC-3: counted from its coverage start (Open License: from receipt), as recorded in countsFrom. */
export const countsOn = (l: Pick<SummaryLine, 'countsFrom'>, today: string) => l.countsFrom <= today;

export const coverageActiveOn = (l: Pick<SummaryLine, 'coverageStart' | 'coverageEnd'>, today: string) =>
  l.coverageStart <= today && l.coverageEnd !== null && l.coverageEnd >= today;

const textCollator = new Intl.Collator('en');
const byText = (a: string, b: string) => textCollator.compare(a, b);

const rowKey = (p: ProductVersion) => `${p.familyId}\u0000${p.version}\u0000${p.pool}`;

/** Sums lines into buckets as of `today` (an ISO day): what the SQL aggregate computes. */
export function bucketLines(lines: readonly SummaryLine[], today: string): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const l of lines) {
    if (!countsOn(l, today)) continue;
    const key = `${rowKey(l)}\u0000${l.licenseType}\u0000${l.isGrant}`;
    let b = buckets.get(key);
    if (!b) {
      b = {
        familyId: l.familyId,
        family: l.family,
        version: l.version,
        pool: l.pool,
        licenseType: l.licenseType,
        isGrant: l.isGrant,
        quantity: 0,
        activeQuantity: 0,
      };
      buckets.set(key, b);
    }
    b.quantity += l.quantity;
    if (isCoverageType(l.licenseType) && coverageActiveOn(l, today)) b.activeQuantity += l.quantity;
  }
  return [...buckets.values()];
}

export type PurchasedQuantities = Record<Exclude<LicenseType, 'ONLINE_SERVICE'>, number>;

export interface SummaryRow extends ProductVersion {
  /** Entitlements with upgrades applied: full licenses, moved to the version they were upgraded to, plus active subscriptions. */
  effectiveQuantity: number;
  /** L&SA, SA and SA Step-Up whose coverage is active today. */
  activeSaQuantity: number;
  /** Upgrades, step-ups and active coverage-only lines (SA, Maintenance, Upgrade Advantage) beyond the qualifying licenses found. */
  unresolvedQuantity: number;
  /** R-LIC-5: part of the row was granted, not purchased (the portal shows an asterisk). */
  granted: boolean;
  grantQuantity: number;
  /** What the lines that count today add up to, per license type, before upgrades are applied. */
  purchased: PurchasedQuantities;
}

interface Work {
  row: SummaryRow;
  perpetual: number;
  upgrades: number;
  stepUps: number;
  /** Active SA, Maintenance and Upgrade Advantage: each needs a license no other coverage holds. */
  coverageOnlyActive: number;
  coveredActive: number;
  subscriptions: number;
  available: number;
}

const emptyPurchased = (): PurchasedQuantities => ({
  FULL: 0,
  UPGRADE: 0,
  LSA: 0,
  SA: 0,
  SA_STEP_UP: 0,
  SUBSCRIPTION: 0,
  MAINTENANCE: 0,
  UPGRADE_ADVANTAGE: 0,
});

/** Takes up to `need` licenses from the sources in order, lowering what each has left; returns how many it found. */
function take(need: number, sources: Work[]): number {
  let found = 0;
  for (const s of sources) {
    if (found === need) break;
    const n = Math.min(need - found, s.available);
    s.available -= n;
    found += n;
  }
  return found;
}

/**
 * R-LIC-2 per product family, versions in ascending order:
 * - Full and L&SA licenses are the qualifying base of their version.
 * - An upgrade to a version takes a qualifying license of an earlier version (the nearest first)
 *   and moves it to its own version; with none left it is unresolved.
 * - An SA Step-Up does the same but may also step up a license of its own version (another edition).
 * - Coverage-only lines (SA, Maintenance, Upgrade Advantage) that are active today each need a
 *   license of their version or earlier not already covered (by L&SA, a step-up, or another
 *   coverage-only line); beyond those they are unresolved. Only SA counts as Active SA.
 * - Subscriptions count while active and qualify nothing. Online services are not license entitlements.
 * The result does not depend on the order of the buckets.
 */
export function summarize(buckets: readonly Bucket[]): SummaryRow[] {
  const works = new Map<string, Work>();
  for (const b of buckets) {
    if (b.licenseType === 'ONLINE_SERVICE' || b.quantity === 0) continue;
    const key = rowKey(b);
    let w = works.get(key);
    if (!w) {
      w = {
        row: {
          familyId: b.familyId,
          family: b.family,
          version: b.version,
          pool: b.pool,
          effectiveQuantity: 0,
          activeSaQuantity: 0,
          unresolvedQuantity: 0,
          granted: false,
          grantQuantity: 0,
          purchased: emptyPurchased(),
        },
        perpetual: 0,
        upgrades: 0,
        stepUps: 0,
        coverageOnlyActive: 0,
        coveredActive: 0,
        subscriptions: 0,
        available: 0,
      };
      works.set(key, w);
    }
    w.row.purchased[b.licenseType] += b.quantity;
    if (b.isGrant) w.row.grantQuantity += b.quantity;
    switch (b.licenseType) {
      case 'FULL':
        w.perpetual += b.quantity;
        break;
      case 'LSA':
        w.perpetual += b.quantity;
        w.coveredActive += b.activeQuantity;
        w.row.activeSaQuantity += b.activeQuantity;
        break;
      case 'UPGRADE':
        w.upgrades += b.quantity;
        break;
      case 'SA_STEP_UP':
        w.stepUps += b.quantity;
        w.coveredActive += b.activeQuantity;
        w.row.activeSaQuantity += b.activeQuantity;
        break;
      case 'SA':
      case 'MAINTENANCE':
      case 'UPGRADE_ADVANTAGE':
        w.coverageOnlyActive += b.activeQuantity;
        if (b.licenseType === 'SA') w.row.activeSaQuantity += b.activeQuantity;
        break;
      case 'SUBSCRIPTION':
        w.subscriptions += b.activeQuantity;
        break;
    }
  }

  const families = new Map<string, Work[]>();
  for (const w of works.values()) {
    const list = families.get(w.row.familyId) ?? [];
    list.push(w);
    families.set(w.row.familyId, list);
  }
  const rows: SummaryRow[] = [];
  for (const list of families.values()) {
    list.sort((a, b) => compareVersions(a.row.version, b.row.version) || byText(a.row.pool, b.row.pool));
    for (const [i, w] of list.entries()) {
      w.available = w.perpetual;
      const earlier = list
        .slice(0, i)
        .filter((e) => compareVersions(e.row.version, w.row.version) < 0)
        .reverse();
      const sameVersion = list.filter((e) => compareVersions(e.row.version, w.row.version) === 0 && e !== w);
      const upgraded = take(w.upgrades, earlier);
      w.available += upgraded;
      // A step-up of a license of its own row leaves it in the row: taken and put back.
      const steppedUp = take(w.stepUps, [w, ...sameVersion, ...earlier]);
      w.available += steppedUp;
      w.row.unresolvedQuantity = w.upgrades - upgraded + (w.stepUps - steppedUp);
    }
    let capacity = 0;
    let used = 0;
    for (const w of list) {
      capacity += w.available - w.coveredActive;
      const free = Math.max(0, capacity - used);
      const covered = Math.min(w.coverageOnlyActive, free);
      used += covered;
      w.row.unresolvedQuantity += w.coverageOnlyActive - covered;
      w.row.effectiveQuantity = w.available + w.subscriptions;
      w.row.granted = w.row.grantQuantity > 0;
      rows.push(w.row);
    }
  }
  return rows.sort((a, b) => byText(a.pool, b.pool) || byText(a.family, b.family) || compareVersions(a.version, b.version));
}

export interface SummaryTotals {
  effectiveQuantity: number;
  activeSaQuantity: number;
  unresolvedQuantity: number;
}

export function totalsOf(rows: readonly SummaryRow[]): SummaryTotals {
  const t = { effectiveQuantity: 0, activeSaQuantity: 0, unresolvedQuantity: 0 };
  for (const r of rows) {
    t.effectiveQuantity += r.effectiveQuantity;
    t.activeSaQuantity += r.activeSaQuantity;
    t.unresolvedQuantity += r.unresolvedQuantity;
  }
  return t;
}

export type ExpiryNotice = 'NONE' | 'EXPIRING_SOON' | 'EXPIRING_URGENT' | 'EXPIRED';

/**
 * R-LIC-7: within `soonDays` of its end a Licensing ID is "Expiring soon"; within `urgentDays`
 * its date is shown in red.
 */
export function expiryNotice(
  endDate: string | null,
  today: string,
  soonDays: number,
  urgentDays: number,
): { notice: ExpiryNotice; daysLeft: number | null } {
  if (endDate === null) return { notice: 'NONE', daysLeft: null };
  const daysLeft = Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft < 0) return { notice: 'EXPIRED', daysLeft };
  if (daysLeft <= urgentDays) return { notice: 'EXPIRING_URGENT', daysLeft };
  if (daysLeft <= soonDays) return { notice: 'EXPIRING_SOON', daysLeft };
  return { notice: 'NONE', daysLeft };
}
