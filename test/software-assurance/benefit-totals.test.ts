import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LICENSE_POOLS, type LicensePool } from '../../src/modules/catalog/rules.js';
import { LICENSE_TYPES } from '../../src/modules/orders/rules.js';
import { BENEFIT_CODES, isMeasured } from '../../src/modules/software-assurance/benefits.js';
import {
  type BenefitRule,
  benefitsOf,
  benefitsOfTotals,
  benefitTotals,
  coverageOfLines,
  type SaLine,
} from '../../src/modules/software-assurance/rules.js';
import { benefitTotalsByLicensingId } from '../../src/modules/software-assurance/sql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const NOTICE = { soonDays: 90, urgentDays: 30 };
const PRODUCTS: Record<string, LicensePool> = { 'TOT-A': 'APPLICATIONS', 'TOT-B': 'APPLICATIONS', 'TOT-S': 'SERVERS', 'TOT-Y': 'SYSTEMS' };
const CODES = Object.keys(PRODUCTS);
const TODAY_BASE = Date.UTC(2026, 0, 1);
const dayAt = (offset: number) => new Date(TODAY_BASE + offset * 86_400_000).toISOString().slice(0, 10);

const line: fc.Arbitrary<SaLine> = fc
  .record({
    productCode: fc.constantFrom(...CODES),
    licenseType: fc.constantFrom(...LICENSE_TYPES),
    quantity: fc.integer({ min: 1, max: 500 }),
    start: fc.integer({ min: -1500, max: 200 }),
    length: fc.integer({ min: 0, max: 1200 }),
    delay: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ productCode, licenseType, quantity, start, length, delay }) => ({
    productCode,
    pool: PRODUCTS[productCode] as LicensePool,
    licenseType,
    quantity,
    coverageStart: dayAt(start),
    coverageEnd: dayAt(start + length),
    countsFrom: dayAt(start + delay),
  }));

const rule: fc.Arbitrary<BenefitRule> = fc
  .record({
    benefit: fc.constantFrom(...BENEFIT_CODES),
    pools: fc.subarray([...LICENSE_POOLS]),
    productCodes: fc.subarray(CODES),
    per: fc.constantFrom(0.02, 0.25, 0.29, 0.5, 1, 2, 3.5),
  })
  .filter((r) => r.pools.length + r.productCodes.length > 0)
  .map(({ benefit, pools, productCodes, per }) => ({ benefit, pools, productCodes, perLicense: isMeasured(benefit) ? per : null }));

describe('SA benefit totals summed by the database (R-SA-1, R-SA-3)', () => {
  let database: TestDatabase;
  let organizationId = '';
  const productIds = new Map<string, string>();
  let runs = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    organizationId = (
      await db.execute<{ id: string }>(sql`insert into organization (name, country) values ('Totals Corp', 'SE') returning id`)
    ).rows[0]?.id as string;
    const family = (await db.execute<{ id: string }>(sql`insert into product_family (name) values ('Totals Family') returning id`)).rows[0]
      ?.id as string;
    for (const [code, pool] of Object.entries(PRODUCTS)) {
      const res = await db.execute<{ id: string }>(sql`
        insert into product (code, family_id, name, version, edition, pool, category)
        values (${code}, ${family}, ${code}, '2024', 'Standard', ${pool}::license_pool, 'Test') returning id`);
      productIds.set(code, res.rows[0]?.id as string);
    }
  });
  afterAll(() => database.drop());

  /** A new Licensing ID with `lines` in one order, and `rules` as the publisher's whole rule set. */
  async function given(lines: readonly SaLine[], rules: readonly BenefitRule[]): Promise<string> {
    const db = database.db;
    runs += 1;
    const lid = (
      await db.execute<{ id: string }>(sql`
        insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
        values (${organizationId}, 'ENTERPRISE', 'ENROLLMENT', ${`T${String(runs).padStart(7, '0')}`}, 'Totals', 'ACTIVE', date '2020-01-01', date '2030-01-01')
        returning id`)
    ).rows[0]?.id as string;
    const order = (
      await db.execute<{ id: string }>(sql`
        insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
        values (${`TOT-${runs}`}, ${lid}, ${organizationId}, date '2023-01-01', now(), 'API', ${`hash-${runs}`}) returning id`)
    ).rows[0]?.id as string;
    for (const [i, l] of lines.entries()) {
      await db.execute(sql`
        insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, coverage_end, counts_from)
        values (${order}, ${i + 1}, ${lid}, ${productIds.get(l.productCode)}, ${l.licenseType}::license_type, ${l.quantity},
          ${l.coverageStart}::date, ${l.coverageEnd}::date, ${l.countsFrom}::date)`);
    }
    await db.execute(sql`delete from sa_benefit_rule`);
    for (const r of rules) {
      await db.execute(sql`
        insert into sa_benefit_rule (benefit, pools, product_codes, per_license)
        values (${r.benefit}::sa_benefit, ${`{${r.pools.join(',')}}`}::license_pool[], ${`{${r.productCodes.join(',')}}`}::text[], ${r.perLicense})`);
    }
    return lid;
  }

  // R-SA-1, R-SA-3: the one-pass SQL behind the SA Summary gives exactly the benefits the pure rules derive from single lines.
  it('R-SA-1, R-SA-3: the sums per Licensing ID and benefit equal benefitTotals over single lines, so the benefits are the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 25 }),
        fc.array(rule, { maxLength: 6 }),
        fc.integer({ min: -30, max: 60 }),
        async (lines, rules, offset) => {
          const today = dayAt(offset);
          const lid = await given(lines, rules);
          const stored = (await benefitTotalsByLicensingId(database.db, sql`${lid}::uuid`, today)).get(lid) ?? new Map();
          const derived = benefitTotals(coverageOfLines(lines, today), rules);
          for (const [benefit, d] of derived) {
            const s = stored.get(benefit);
            expect(s, benefit).toBeDefined();
            expect(s?.eligible).toBeCloseTo(d.eligible, 6);
            expect(s?.activeUntil).toBe(d.activeUntil);
            expect(s?.lastEnd).toBe(d.lastEnd);
          }
          const byBenefit = (a: { benefit: string }, b: { benefit: string }) => a.benefit.localeCompare(b.benefit);
          expect(benefitsOfTotals(stored, new Map(), today, NOTICE).sort(byBenefit)).toEqual(
            benefitsOf(coverageOfLines(lines, today), rules, new Map(), today, NOTICE).sort(byBenefit),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('R-SA-3: the sums can be narrowed to some benefits (the SA Summary asks for those managed online)', async () => {
    const lines: SaLine[] = [
      {
        productCode: 'TOT-A',
        pool: 'APPLICATIONS',
        licenseType: 'SA',
        quantity: 10,
        coverageStart: dayAt(-10),
        coverageEnd: dayAt(100),
        countsFrom: dayAt(-10),
      },
    ];
    const rules: BenefitRule[] = [
      { benefit: 'E_LEARNING', pools: ['APPLICATIONS'], productCodes: [], perLicense: 0.5 },
      { benefit: 'THIN_PC', pools: [], productCodes: ['TOT-A'], perLicense: 1 },
    ];
    const lid = await given(lines, rules);
    const all = (await benefitTotalsByLicensingId(database.db, sql`${lid}::uuid`, dayAt(0))).get(lid);
    expect([...(all?.keys() ?? [])].sort()).toEqual(['E_LEARNING', 'THIN_PC']);
    const narrowed = (await benefitTotalsByLicensingId(database.db, sql`${lid}::uuid`, dayAt(0), ['E_LEARNING'])).get(lid);
    expect([...(narrowed?.entries() ?? [])]).toEqual([['E_LEARNING', { eligible: 5, activeUntil: dayAt(100), lastEnd: dayAt(100) }]]);
  });
});
