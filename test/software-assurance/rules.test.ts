import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LICENSE_POOLS } from '../../src/modules/catalog/rules.js';
import { LICENSE_TYPES } from '../../src/modules/orders/rules.js';
import { BENEFIT_CODES, type BenefitCode, isMeasured } from '../../src/modules/software-assurance/benefits.js';
import {
  activationRefusal,
  type BenefitRule,
  type BenefitState,
  benefitsOf,
  coverageOfLines,
  mayManageBenefit,
  NO_STATE,
  type SaLine,
} from '../../src/modules/software-assurance/rules.js';
import { arrange, type SummaryRow } from '../../src/modules/software-assurance/summary.js';

const NOTICE = { soonDays: 90, urgentDays: 30 };
const PRODUCTS = ['OFF-1', 'OFF-2', 'SRV-1', 'DOS-1'] as const;
const POOL_OF = { 'OFF-1': 'APPLICATIONS', 'OFF-2': 'APPLICATIONS', 'SRV-1': 'SERVERS', 'DOS-1': 'SYSTEMS' } as const;

const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const line: fc.Arbitrary<SaLine> = fc
  .record({
    productCode: fc.constantFrom(...PRODUCTS),
    licenseType: fc.constantFrom(...LICENSE_TYPES),
    quantity: fc.integer({ min: 1, max: 500 }),
    start: day,
    length: fc.integer({ min: 0, max: 1200 }),
    delay: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ productCode, licenseType, quantity, start, length, delay }) => {
    const end = new Date(Date.parse(`${start}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
    const countsFrom = new Date(Date.parse(`${start}T00:00:00Z`) + delay * 86_400_000).toISOString().slice(0, 10);
    return { productCode, pool: POOL_OF[productCode], licenseType, quantity, coverageStart: start, coverageEnd: end, countsFrom };
  });

const rule: fc.Arbitrary<BenefitRule> = fc
  .record({
    benefit: fc.constantFrom(...BENEFIT_CODES),
    pools: fc.subarray([...LICENSE_POOLS]),
    productCodes: fc.subarray([...PRODUCTS]),
    per: fc.constantFrom(0.02, 0.25, 0.29, 0.5, 1, 2, 3.5),
  })
  .filter((r) => r.pools.length + r.productCodes.length > 0)
  .map(({ benefit, pools, productCodes, per }) => ({ benefit, pools, productCodes, perLicense: isMeasured(benefit) ? per : null }));

const state: fc.Arbitrary<BenefitState> = fc.record({
  activated: fc.boolean(),
  onHold: fc.boolean(),
  used: fc.integer({ min: 0, max: 5000 }),
});
const states = fc
  .dictionary(fc.constantFrom(...BENEFIT_CODES), state)
  .map((d) => new Map(Object.entries(d) as [BenefitCode, BenefitState][]));

const benefits = (lines: SaLine[], rules: BenefitRule[], s: Map<BenefitCode, BenefitState>, today: string) =>
  benefitsOf(coverageOfLines(lines, today), rules, s, today, NOTICE);

describe('Software Assurance benefit rules (R-SA-1, R-SA-2, R-SA-3, R-PERM-8)', () => {
  it('R-SA-1: the quantity remaining is never negative, and never more than eligible', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(rule, { maxLength: 8 }), states, day, (lines, rules, s, today) => {
        for (const b of benefits(lines, rules, s, today)) {
          if (b.quantityRemaining === null) continue;
          expect(b.quantityRemaining).toBeGreaterThanOrEqual(0);
          expect(b.quantityRemaining).toBeLessThanOrEqual(b.eligibleQuantity ?? 0);
        }
      }),
    );
  });

  it('R-SA-1: adding an SA-covered license never lowers an eligible quantity, nor removes a benefit', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        line,
        fc.array(rule, { maxLength: 8 }),
        states,
        day,
        (lines, extra, rules, s, today) => {
          const before = new Map(benefits(lines, rules, s, today).map((b) => [b.benefit, b]));
          const after = new Map(benefits([...lines, extra], rules, s, today).map((b) => [b.benefit, b]));
          for (const [code, b] of before) {
            const a = after.get(code);
            expect(a).toBeDefined();
            if (b.eligibleQuantity !== null) expect(a?.eligibleQuantity).toBeGreaterThanOrEqual(b.eligibleQuantity);
          }
        },
      ),
    );
  });

  it('R-SA-1: whole units of the qualifying active SA licenses times the rule, summed over rules (0.29 × 100 is 29)', () => {
    const lines: SaLine[] = [
      {
        productCode: 'OFF-1',
        pool: 'APPLICATIONS',
        licenseType: 'LSA',
        quantity: 100,
        coverageStart: '2025-01-01',
        coverageEnd: '2027-12-31',
        countsFrom: '2025-01-01',
      },
      {
        productCode: 'SRV-1',
        pool: 'SERVERS',
        licenseType: 'SA',
        quantity: 10,
        coverageStart: '2025-01-01',
        coverageEnd: '2026-06-30',
        countsFrom: '2025-01-01',
      },
      // Neither counts: a full license is no SA, and a future start is not yet covered.
      {
        productCode: 'OFF-1',
        pool: 'APPLICATIONS',
        licenseType: 'FULL',
        quantity: 50,
        coverageStart: '2025-01-01',
        coverageEnd: null,
        countsFrom: '2025-01-01',
      },
      {
        productCode: 'OFF-2',
        pool: 'APPLICATIONS',
        licenseType: 'SA',
        quantity: 70,
        coverageStart: '2026-09-01',
        coverageEnd: '2027-08-31',
        countsFrom: '2026-09-01',
      },
    ];
    const rules: BenefitRule[] = [
      { benefit: 'TRAINING_VOUCHERS', pools: ['APPLICATIONS'], productCodes: [], perLicense: 0.29 },
      { benefit: 'TRAINING_VOUCHERS', pools: [], productCodes: ['SRV-1'], perLicense: 0.5 },
      { benefit: 'DYNAMICS_CUSTOMERSOURCE', pools: ['SERVERS'], productCodes: [], perLicense: null },
    ];
    const [tv, crm] = benefits(lines, rules, new Map(), '2026-03-01');
    expect(tv).toMatchObject({
      benefit: 'TRAINING_VOUCHERS',
      eligibleQuantity: 34,
      quantityRemaining: 34,
      unit: 'DAYS',
      status: 'REQUIRES_ACTIVATION',
      expiresOn: '2027-12-31',
    });
    expect(crm).toMatchObject({ benefit: 'DYNAMICS_CUSTOMERSOURCE', eligibleQuantity: null, status: 'ACTIVATED', unit: 'UNMEASURED' });
  });

  it('R-SA-2: a benefit expires with the last of its qualifying coverage: Expired the day after, flagged 90 and 30 days before', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 20 }),
        fc.array(rule, { minLength: 1, maxLength: 6 }),
        states,
        day,
        (lines, rules, s, today) => {
          for (const b of benefits(lines, rules, s, today)) {
            const qualifying = lines.filter(
              (l) =>
                ['LSA', 'SA', 'SA_STEP_UP'].includes(l.licenseType) &&
                l.countsFrom <= today &&
                l.coverageStart <= today &&
                rules.some((r) => r.benefit === b.benefit && (r.pools.includes(l.pool) || r.productCodes.includes(l.productCode))),
            );
            const active = qualifying.filter((l) => (l.coverageEnd ?? '') >= today);
            const end = (ls: SaLine[]) =>
              ls
                .map((l) => l.coverageEnd ?? '')
                .sort()
                .pop() ?? null;
            if (active.length === 0) {
              expect(b.status).toBe('EXPIRED');
              expect(b.expiresOn).toBe(end(qualifying));
              expect(b.eligibleQuantity ?? 0).toBe(0);
            } else {
              expect(b.status).not.toBe('EXPIRED');
              expect(b.expiresOn).toBe(end(active));
              const daysLeft = b.expiry.daysLeft ?? -1;
              expect(b.expiry.notice).toBe(daysLeft <= 30 ? 'EXPIRING_URGENT' : daysLeft <= 90 ? 'EXPIRING_SOON' : 'NONE');
            }
          }
        },
      ),
    );
  });

  it('R-SA-2: status — HAR wins over activation, Expired over both; only Requires Activation can be activated', () => {
    const lines: SaLine[] = [
      {
        productCode: 'OFF-1',
        pool: 'APPLICATIONS',
        licenseType: 'LSA',
        quantity: 10,
        coverageStart: '2025-01-01',
        coverageEnd: '2026-12-31',
        countsFrom: '2025-01-01',
      },
    ];
    const rules: BenefitRule[] = [
      { benefit: 'E_LEARNING', pools: ['APPLICATIONS'], productCodes: [], perLicense: 1 },
      { benefit: 'MULTI_LANGUAGE_PACK', pools: ['APPLICATIONS'], productCodes: [], perLicense: 1 },
    ];
    const status = (s: Partial<BenefitState>, today = '2026-03-01') =>
      benefits(lines, rules, new Map([['E_LEARNING', { ...NO_STATE, ...s }]]), today).find((b) => b.benefit === 'E_LEARNING');
    expect(activationRefusal(status({}))).toBeNull();
    expect(activationRefusal(status({ activated: true }))).toBe('SA_BENEFIT_ALREADY_ACTIVATED');
    expect(status({ activated: true, onHold: true })?.status).toBe('HAR');
    expect(activationRefusal(status({ onHold: true }))).toBe('SA_BENEFIT_ON_HOLD');
    expect(activationRefusal(status({ onHold: true }, '2027-01-01'))).toBe('SA_BENEFIT_EXPIRED');
    expect(activationRefusal(undefined)).toBe('SA_BENEFIT_NOT_OFFERED');
    const mlp = benefits(lines, rules, new Map(), '2026-03-01').find((b) => b.benefit === 'MULTI_LANGUAGE_PACK');
    expect(activationRefusal(mlp)).toBe('SA_BENEFIT_NO_ACTIVATION');
  });

  it('R-PERM-8: an Administrator and an SA Manager with "All" manage every benefit; a narrowed one only its duties’ benefits', () => {
    expect(mayManageBenefit({ administrator: true, saManagerDuties: [] }, 'E_LEARNING')).toBe(true);
    expect(mayManageBenefit({ administrator: false, saManagerDuties: [null] }, 'E_LEARNING')).toBe(true);
    const voucherOnly = { administrator: false, saManagerDuties: [['TRAINING_VOUCHERS']] };
    expect(mayManageBenefit(voucherOnly, 'TRAINING_VOUCHERS')).toBe(true);
    expect(mayManageBenefit(voucherOnly, 'E_LEARNING')).toBe(false);
    expect(mayManageBenefit(voucherOnly, 'SUPPORT_24X7')).toBe(false);
    // A benefit without a duty of its own is not narrowed away.
    expect(mayManageBenefit(voucherOnly, 'MULTI_LANGUAGE_PACK')).toBe(true);
    expect(mayManageBenefit({ administrator: false, saManagerDuties: [] }, 'E_LEARNING')).toBe(false);
  });

  it('R-SA-3: filtering and sorting keep every matching row once, in order, ties broken the same way each time', () => {
    const row = fc.record({
      organization: fc.constantFrom('Contoso', 'Fabrikam'),
      city: fc.option(fc.constantFrom('Stockholm', 'Seattle'), { nil: null }),
      licensingNumber: fc.constantFrom('1', '2', '3'),
      benefit: fc.constantFrom(...BENEFIT_CODES),
      eligibleQuantity: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.boolean(), (partial, descending) => {
        const rows = partial.map(
          (p, i) =>
            ({
              ...p,
              licensingId: String(i),
              licensingName: 'n',
              unit: 'DAYS',
              status: 'ACTIVATED',
              quantityRemaining: p.eligibleQuantity,
              expiresOn: '2027-01-01',
              expiry: { notice: 'NONE', daysLeft: 300 },
              requiresActivation: true,
              subRole: null,
            }) as SummaryRow,
        );
        const sorted = arrange(rows, { text: 'con' }, 'eligibleQuantity', descending);
        expect(sorted.length).toBe(rows.filter((r) => r.organization === 'Contoso').length);
        const numbers = sorted.map((r) => r.eligibleQuantity).filter((q): q is number => q !== null);
        expect(numbers).toEqual([...numbers].sort((a, b) => (descending ? b - a : a - b)));
        // Unmeasured rows last either way.
        const firstNull = sorted.findIndex((r) => r.eligibleQuantity === null);
        if (firstNull >= 0) expect(sorted.slice(firstNull).every((r) => r.eligibleQuantity === null)).toBe(true);
      }),
    );
  });
});
