import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/modules/catalog/rules.js';
import {
  type Bucket,
  bucketLines,
  expiryNotice,
  type SummaryLine,
  type SummaryRow,
  summarize,
  totalsOf,
} from '../../src/modules/orders/license-summary-rules.js';
import { planScope } from '../../src/modules/orders/license-summary-sql.js';
import { COVERAGE_ONLY_TYPES, countsFrom, LICENSE_TYPES, type LicenseType } from '../../src/modules/orders/rules.js';

const TODAY = '2026-03-01';
const family = { familyId: 'f-office', family: 'Office', pool: 'APPLICATIONS' as const };
const line = (version: string, licenseType: LicenseType, quantity: number, more: Partial<SummaryLine> = {}): SummaryLine => ({
  ...family,
  version,
  licenseType,
  quantity,
  coverageStart: '2025-01-01',
  coverageEnd: licenseType === 'FULL' || licenseType === 'UPGRADE' ? null : '2027-12-31',
  countsFrom: '2025-01-01',
  isGrant: false,
  ...more,
});
const rowsOf = (lines: SummaryLine[], today = TODAY) => summarize(bucketLines(lines, today));
const row = (rows: SummaryRow[], version: string) => rows.find((r) => r.version === version);

describe('License Summary rules (pure)', () => {
  it('R-LIC-2: Effective Quantity applies upgrades: an upgrade moves a qualifying license to its version', () => {
    const rows = rowsOf([line('2019', 'FULL', 10), line('2021', 'UPGRADE', 4)]);
    expect(row(rows, '2019')).toMatchObject({ effectiveQuantity: 6, unresolvedQuantity: 0 });
    expect(row(rows, '2021')).toMatchObject({ effectiveQuantity: 4, unresolvedQuantity: 0, purchased: { UPGRADE: 4 } });
  });

  it('R-LIC-2: upgrades beyond the qualifying full licenses are Unresolved; a same-version license does not qualify', () => {
    const rows = rowsOf([line('2019', 'FULL', 3), line('2021', 'FULL', 5), line('2021', 'UPGRADE', 2), line('2024', 'UPGRADE', 12)]);
    // 2021 upgrades take 2019 licenses (its own version does not qualify); 2024 takes the nearest first: 2021, then 2019.
    expect(row(rows, '2019')).toMatchObject({ effectiveQuantity: 0, unresolvedQuantity: 0 });
    expect(row(rows, '2021')).toMatchObject({ effectiveQuantity: 0, unresolvedQuantity: 0 });
    expect(row(rows, '2024')).toMatchObject({ effectiveQuantity: 8, unresolvedQuantity: 4 });
    expect(rowsOf([line('11', 'UPGRADE', 300)])[0]).toMatchObject({ effectiveQuantity: 0, unresolvedQuantity: 300 });
  });

  it('R-LIC-2: Active SA Quantity counts L&SA, SA and SA Step-Up whose coverage is active today, not expired or future', () => {
    const rows = rowsOf([
      line('2021', 'LSA', 10),
      line('2021', 'LSA', 7, { coverageStart: '2021-01-01', coverageEnd: '2023-12-31', countsFrom: '2021-01-01' }),
      line('2021', 'SA', 4, { coverageStart: '2026-06-01', coverageEnd: '2029-05-31' }),
      line('2021', 'SA_STEP_UP', 2),
      line('2021', 'SUBSCRIPTION', 5),
    ]);
    expect(row(rows, '2021')).toMatchObject({ activeSaQuantity: 12, effectiveQuantity: 22 });
  });

  it('R-LIC-2: SA-only coverage needs an uncovered license of its version or earlier; beyond that it is Unresolved', () => {
    expect(rowsOf([line('2021', 'SA', 5)])[0]).toMatchObject({ activeSaQuantity: 5, unresolvedQuantity: 5, effectiveQuantity: 0 });
    expect(row(rowsOf([line('2019', 'FULL', 3), line('2021', 'SA', 5)]), '2021')).toMatchObject({ unresolvedQuantity: 2 });
    // A license already under L&SA gives no base to a second SA line.
    expect(row(rowsOf([line('2021', 'LSA', 4), line('2021', 'SA', 4)]), '2021')).toMatchObject({ unresolvedQuantity: 4 });
    // Expired SA-only coverage claims nothing.
    const expired = line('2021', 'SA', 5, { coverageStart: '2020-01-01', coverageEnd: '2022-12-31', countsFrom: '2020-01-01' });
    expect(rowsOf([expired])[0]).toMatchObject({ activeSaQuantity: 0, unresolvedQuantity: 0, purchased: { SA: 5 } });
  });

  it('R-LIC-2: Maintenance and Upgrade Advantage are coverage-only: beyond the qualifying full licenses found they are Unresolved, and they are no Active SA', () => {
    const rows = rowsOf([line('2019', 'FULL', 10), line('2021', 'MAINTENANCE', 6), line('2021', 'UPGRADE_ADVANTAGE', 7)]);
    expect(row(rows, '2021')).toMatchObject({
      effectiveQuantity: 0,
      activeSaQuantity: 0,
      unresolvedQuantity: 3,
      purchased: { MAINTENANCE: 6, UPGRADE_ADVANTAGE: 7 },
    });
    expect(row(rows, '2019')).toMatchObject({ effectiveQuantity: 10, unresolvedQuantity: 0 });
    // With no base at all, all of it is unresolved; a license already under L&SA is no base either.
    expect(rowsOf([line('2021', 'UPGRADE_ADVANTAGE', 4)])[0]).toMatchObject({ unresolvedQuantity: 4, effectiveQuantity: 0 });
    expect(row(rowsOf([line('2021', 'LSA', 4), line('2021', 'MAINTENANCE', 4)]), '2021')).toMatchObject({
      activeSaQuantity: 4,
      unresolvedQuantity: 4,
    });
    // SA, Maintenance and Upgrade Advantage share the uncovered licenses: 5 bases for 3 + 2 + 2.
    const shared = rowsOf([
      line('2019', 'FULL', 5),
      line('2021', 'SA', 3),
      line('2021', 'MAINTENANCE', 2),
      line('2021', 'UPGRADE_ADVANTAGE', 2),
    ]);
    expect(row(shared, '2021')).toMatchObject({ activeSaQuantity: 3, unresolvedQuantity: 2 });
    // Expired coverage claims nothing.
    const expired = line('2021', 'MAINTENANCE', 5, { coverageStart: '2020-01-01', coverageEnd: '2022-12-31', countsFrom: '2020-01-01' });
    expect(rowsOf([expired])[0]).toMatchObject({ unresolvedQuantity: 0, purchased: { MAINTENANCE: 5 } });
  });

  it('R-LIC-2: an SA Step-Up may step up a license of its own version (another edition) or an earlier one', () => {
    const rows = rowsOf([line('2022', 'FULL', 2), line('2022', 'SA_STEP_UP', 3), line('2019', 'FULL', 1)]);
    expect(row(rows, '2022')).toMatchObject({ effectiveQuantity: 3, unresolvedQuantity: 0, activeSaQuantity: 3 });
    expect(row(rows, '2019')).toMatchObject({ effectiveQuantity: 0 });
  });

  it('R-LIC-3: a line counts from its coverage start; an Open License line at once (from receipt)', () => {
    expect(countsFrom('ENTERPRISE', '2026-07-01', '2026-03-01')).toBe('2026-07-01');
    expect(countsFrom('OPEN_LICENSE', '2026-07-01', '2026-03-01')).toBe('2026-03-01');
    expect(countsFrom('OPEN_VALUE', '2026-07-01', '2026-03-01')).toBe('2026-07-01');
    const future = line('2024', 'FULL', 9, { coverageStart: '2026-07-01', countsFrom: '2026-07-01' });
    expect(rowsOf([future])).toEqual([]);
    expect(rowsOf([future], '2026-07-01')[0]?.effectiveQuantity).toBe(9);
    const open = { ...future, countsFrom: countsFrom('OPEN_LICENSE', '2026-07-01', '2026-02-10') };
    expect(rowsOf([open])[0]?.effectiveQuantity).toBe(9);
  });

  it('R-LIC-5: granted quantities are flagged on their row; R-LIC-4 rows carry the pool', () => {
    const rows = rowsOf([
      line('2019', 'FULL', 2, { isGrant: true, familyId: 'f-chat', family: 'Chat Server', pool: 'SERVERS' }),
      line('2021', 'FULL', 1),
    ]);
    expect(rows.find((r) => r.family === 'Chat Server')).toMatchObject({
      granted: true,
      grantQuantity: 2,
      effectiveQuantity: 2,
      pool: 'SERVERS',
    });
    expect(row(rows, '2021')).toMatchObject({ granted: false, grantQuantity: 0 });
  });

  it('R-LIC-6: online services are not license entitlements and make no row', () => {
    expect(rowsOf([line('Plan 1', 'ONLINE_SERVICE', 250)])).toEqual([]);
  });

  it('R-LIC-7: Expiring soon within 90 days, the date red within 30', () => {
    expect(expiryNotice(null, TODAY, 90, 30)).toEqual({ notice: 'NONE', daysLeft: null });
    expect(expiryNotice('2026-06-30', TODAY, 90, 30)).toEqual({ notice: 'NONE', daysLeft: 121 });
    expect(expiryNotice('2026-05-30', TODAY, 90, 30)).toEqual({ notice: 'EXPIRING_SOON', daysLeft: 90 });
    expect(expiryNotice('2026-03-31', TODAY, 90, 30)).toEqual({ notice: 'EXPIRING_URGENT', daysLeft: 30 });
    expect(expiryNotice('2026-03-01', TODAY, 90, 30)).toEqual({ notice: 'EXPIRING_URGENT', daysLeft: 0 });
    expect(expiryNotice('2026-02-28', TODAY, 90, 30)).toEqual({ notice: 'EXPIRED', daysLeft: -1 });
  });

  it('R-LIC-1: positions come per Licensing ID, or as the organization’s total less the few left out, whichever reads less', () => {
    const members = ['a', 'b', 'c', 'd'].map((id) => ({ id, organizationId: 'org' }));
    const pick = (...ids: string[]) => ids.map((id) => ({ id, organizationId: 'org' }));
    expect(planScope(pick('a'), members)).toEqual({ ids: ['a'], wholeOrganizations: [], excluded: [], direct: ['a'] });
    expect(planScope(pick('a', 'b'), members)).toMatchObject({ wholeOrganizations: [], direct: ['a', 'b'] });
    expect(planScope(pick('a', 'b', 'c'), members)).toEqual({
      ids: ['a', 'b', 'c'],
      wholeOrganizations: ['org'],
      excluded: ['d'],
      direct: [],
    });
    expect(planScope(pick('a', 'b', 'c', 'd'), members)).toMatchObject({ wholeOrganizations: ['org'], excluded: [] });
    // Without the organization's members it never takes the shortcut.
    expect(planScope(pick('a', 'b', 'c'), [])).toMatchObject({ wholeOrganizations: [], direct: ['a', 'b', 'c'] });
    // Another organization is planned on its own: all of it chosen is its whole total.
    const other = [{ id: 'x', organizationId: 'other' }];
    expect(planScope([...pick('a', 'b', 'c'), ...other], [...members, ...other])).toMatchObject({
      wholeOrganizations: ['org', 'other'],
      excluded: ['d'],
      direct: [],
    });
  });

  it('orders versions numerically within a family', () => {
    expect(['2021', '10', '2012 R2', '11', '2016', '2019', '2012'].sort(compareVersions)).toEqual([
      '10',
      '11',
      '2012',
      '2012 R2',
      '2016',
      '2019',
      '2021',
    ]);
  });
});

// ---------------------------------------------------------------- properties

const VERSIONS = ['2016', '2019', '2021', '2024'];
const FAMILIES = [
  { familyId: 'f1', family: 'Office', pool: 'APPLICATIONS' as const },
  { familyId: 'f2', family: 'Server', pool: 'SERVERS' as const },
];
const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const lineArb: fc.Arbitrary<SummaryLine> = fc
  .record({
    fam: fc.constantFrom(...FAMILIES),
    version: fc.constantFrom(...VERSIONS),
    licenseType: fc.constantFrom(...LICENSE_TYPES),
    quantity: fc.integer({ min: 1, max: 500 }),
    start: dayArb,
    length: fc.integer({ min: 0, max: 1500 }),
    openLicense: fc.boolean(),
    received: dayArb,
    isGrant: fc.boolean(),
  })
  .map((r) => {
    const end = new Date(Date.parse(`${r.start}T00:00:00Z`) + r.length * 86_400_000).toISOString().slice(0, 10);
    const perpetual = r.licenseType === 'FULL' || r.licenseType === 'UPGRADE';
    return {
      ...r.fam,
      version: r.version,
      licenseType: r.licenseType,
      quantity: r.quantity,
      coverageStart: r.start,
      coverageEnd: perpetual ? null : end,
      countsFrom: countsFrom(r.openLicense ? 'OPEN_LICENSE' : 'ENTERPRISE', r.start, r.received),
      isGrant: r.isGrant,
    };
  });
const linesArb = fc.array(lineArb, { maxLength: 40 });
const key = (r: SummaryRow) => `${r.familyId}/${r.version}/${r.pool}`;
const byKey = (rows: SummaryRow[]) => new Map(rows.map((r) => [key(r), r]));
const sumOf = (buckets: Bucket[], pred: (b: Bucket) => boolean, active = false) =>
  buckets.filter(pred).reduce((n, b) => n + (active ? b.activeQuantity : b.quantity), 0);

describe('License Summary properties (fast-check)', () => {
  it('R-LIC-2: quantities are never negative, and unresolved never exceeds what needs a base (upgrades, step-ups, active SA, Maintenance, Upgrade Advantage)', () => {
    fc.assert(
      fc.property(linesArb, dayArb, (lines, today) => {
        const buckets = bucketLines(lines, today);
        for (const r of summarize(buckets)) {
          expect(r.effectiveQuantity).toBeGreaterThanOrEqual(0);
          expect(r.activeSaQuantity).toBeGreaterThanOrEqual(0);
          expect(r.unresolvedQuantity).toBeGreaterThanOrEqual(0);
          const mine = (b: Bucket) => b.familyId === r.familyId && b.version === r.version;
          const needsBase =
            sumOf(buckets, (b) => mine(b) && (b.licenseType === 'UPGRADE' || b.licenseType === 'SA_STEP_UP')) +
            sumOf(buckets, (b) => mine(b) && (COVERAGE_ONLY_TYPES as readonly string[]).includes(b.licenseType), true);
          expect(r.unresolvedQuantity).toBeLessThanOrEqual(needsBase);
        }
      }),
    );
  });

  it('R-LIC-2: upgrades move licenses, they never create them: a family’s effective total is its full licenses plus active subscriptions', () => {
    fc.assert(
      fc.property(linesArb, dayArb, (lines, today) => {
        const buckets = bucketLines(lines, today);
        const rows = summarize(buckets);
        for (const f of FAMILIES) {
          const effective = rows.filter((r) => r.familyId === f.familyId).reduce((n, r) => n + r.effectiveQuantity, 0);
          const full = sumOf(buckets, (b) => b.familyId === f.familyId && (b.licenseType === 'FULL' || b.licenseType === 'LSA'));
          const subs = sumOf(buckets, (b) => b.familyId === f.familyId && b.licenseType === 'SUBSCRIPTION', true);
          expect(effective).toBe(full + subs);
        }
      }),
    );
  });

  it('R-LIC-2: adding a full license never lowers any effective quantity nor raises any unresolved quantity', () => {
    fc.assert(
      fc.property(linesArb, lineArb, dayArb, (lines, extra, today) => {
        const full = { ...extra, licenseType: 'FULL' as const, coverageEnd: null };
        const before = byKey(rowsOf(lines, today));
        const after = byKey(rowsOf([...lines, full], today));
        for (const [k, b] of before) {
          const a = after.get(k);
          expect(a?.effectiveQuantity ?? 0).toBeGreaterThanOrEqual(b.effectiveQuantity);
          expect(a?.unresolvedQuantity ?? 0).toBeLessThanOrEqual(b.unresolvedQuantity);
        }
      }),
    );
  });

  it('the order of the lines does not matter', () => {
    fc.assert(
      fc.property(
        linesArb.chain((lines) =>
          fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length })),
        ),
        dayArb,
        ([lines, shuffled], today) => {
          expect(rowsOf(shuffled, today)).toEqual(rowsOf(lines, today));
          expect(summarize(bucketLines(lines, today).reverse())).toEqual(rowsOf(lines, today));
        },
      ),
    );
  });

  it('R-LIC-2: Active SA never exceeds the L&SA, SA and Step-Up lines that count, and is zero when no coverage is active', () => {
    fc.assert(
      fc.property(linesArb, dayArb, (lines, today) => {
        const rows = rowsOf(lines, today);
        const sa = lines.filter((l) => ['LSA', 'SA', 'SA_STEP_UP'].includes(l.licenseType) && l.countsFrom <= today);
        const active = sa.filter((l) => l.coverageStart <= today && (l.coverageEnd ?? '') >= today);
        expect(totalsOf(rows).activeSaQuantity).toBe(active.reduce((n, l) => n + l.quantity, 0));
        expect(totalsOf(rows).activeSaQuantity).toBeLessThanOrEqual(sa.reduce((n, l) => n + l.quantity, 0));
      }),
    );
  });

  it('R-LIC-3: nothing counts before it may, so the summary before every line’s start is empty', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        expect(rowsOf(lines, '2019-12-31')).toEqual([]);
      }),
    );
  });

  it('R-LIC-5: a row is flagged granted exactly when granted quantities count in it', () => {
    fc.assert(
      fc.property(linesArb, dayArb, (lines, today) => {
        for (const r of rowsOf(lines, today)) {
          const granted = lines
            .filter(
              (l) =>
                l.isGrant &&
                l.familyId === r.familyId &&
                l.version === r.version &&
                l.countsFrom <= today &&
                l.licenseType !== 'ONLINE_SERVICE',
            )
            .reduce((n, l) => n + l.quantity, 0);
          expect(r.grantQuantity).toBe(granted);
          expect(r.granted).toBe(granted > 0);
        }
      }),
    );
  });
});
