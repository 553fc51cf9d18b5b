import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiryFlag } from '../../src/modules/business-center/inventory/rules.js';
import { quantityValid, renewalPrice, serviceYearOf } from '../../src/modules/business-center/self-provisioning/rules.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('inventory expiry flags (seed 004: 90 and 30 days ahead)', () => {
  const today = '2026-03-01';
  it.each([
    [null, 'NONE'],
    [addDays(today, 91), 'NONE'],
    [addDays(today, 90), 'EXPIRING_SOON'],
    [addDays(today, 31), 'EXPIRING_SOON'],
    [addDays(today, 30), 'EXPIRING_URGENT'],
    [addDays(today, 1), 'EXPIRING_URGENT'],
    [today, 'EXPIRING_URGENT'],
  ] as const)('next expiration %s → %s', (next, flag) => {
    expect(expiryFlag(next, today).flag).toBe(flag);
  });
  it('counts whole days across a month end and a leap day', () => {
    expect(expiryFlag('2028-03-31', '2028-01-01')).toEqual({ flag: 'EXPIRING_SOON', daysLeft: 90 });
    expect(expiryFlag('2028-04-01', '2028-01-01')).toEqual({ flag: 'NONE', daysLeft: 91 });
  });
});

describe('R-BC-5 quantity', () => {
  it('R-BC-5: a quantity is a whole number of at least 1', () => {
    expect([0, -1, 1.5, Number.NaN].map(quantityValid)).toEqual([false, false, false, false]);
    expect([1, 250].map(quantityValid)).toEqual([true, true]);
  });
});

describe('R-BC-6 renewal pricing', () => {
  const start = '2024-07-01';
  it('R-BC-6: the service year runs from the anniversary to the day before the next', () => {
    expect(serviceYearOf(start, '2026-03-01')).toEqual({ from: '2025-07-01', nextAnniversary: '2026-07-01' });
    expect(serviceYearOf(start, '2026-07-01')).toEqual({ from: '2026-07-01', nextAnniversary: '2027-07-01' });
    expect(serviceYearOf(start, '2026-06-30')).toEqual({ from: '2025-07-01', nextAnniversary: '2026-07-01' });
    expect(serviceYearOf('2024-02-29', '2025-03-01')).toEqual({ from: '2025-02-28', nextAnniversary: '2026-02-28' });
  });

  const day = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2025-07-01', n));
  const price = fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100);
  const purchases = fc.array(fc.record({ day, unitPrice: price }), { maxLength: 6 });

  it('R-BC-6 (property): the price charged is never above today’s price', () => {
    fc.assert(
      fc.property(purchases, day, price, (ps, today, todaysPrice) => {
        expect(renewalPrice({ serviceYearFrom: '2025-07-01', today, todaysPrice, purchases: ps })).toBeLessThanOrEqual(todaysPrice);
      }),
    );
  });

  it('R-BC-6 (property): before the anniversary the price never rises above the first purchase’s, whatever today’s price does', () => {
    fc.assert(
      fc.property(purchases, fc.array(fc.tuple(day, price), { minLength: 1, maxLength: 8 }), (ps, days) => {
        const first = [...ps].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
        for (const [today, todaysPrice] of days) {
          const charged = renewalPrice({ serviceYearFrom: '2025-07-01', today, todaysPrice, purchases: ps });
          if (first && first.day <= today && ps.filter((p) => p.day === first.day).length === 1) {
            expect(charged).toBeLessThanOrEqual(first.unitPrice);
          }
        }
      }),
    );
  });

  it('R-BC-6 (property): the first purchase in the service year sets the price when lower than today’s', () => {
    fc.assert(
      fc.property(day, price, price, day, (firstDay, firstPrice, todaysPrice, later) => {
        fc.pre(firstPrice < todaysPrice);
        const today = [later, firstDay].sort()[1] ?? later;
        const ps = [
          { day: firstDay, unitPrice: firstPrice },
          { day: today, unitPrice: todaysPrice },
        ];
        const first = firstDay === today ? Math.min(firstPrice, todaysPrice) : firstPrice;
        expect(renewalPrice({ serviceYearFrom: '2025-07-01', today, todaysPrice, purchases: ps })).toBe(first);
      }),
    );
  });

  it('R-BC-6 (property): after the anniversary today’s price applies; last year’s purchases do not count', () => {
    fc.assert(
      fc.property(purchases, price, fc.integer({ min: 0, max: 364 }), (ps, todaysPrice, n) => {
        const today = addDays('2026-07-01', n);
        const year = serviceYearOf(start, today);
        expect(year.from).toBe('2026-07-01');
        expect(renewalPrice({ serviceYearFrom: year.from, today, todaysPrice, purchases: ps })).toBe(todaysPrice);
      }),
    );
  });

  it('R-BC-6 (property): purchases after today do not set today’s price', () => {
    fc.assert(
      fc.property(purchases, day, price, (ps, today, todaysPrice) => {
        const future = ps.map((p) => ({ ...p, day: addDays(today, 1 + (Date.parse(p.day) % 30)) }));
        expect(renewalPrice({ serviceYearFrom: '2025-07-01', today, todaysPrice, purchases: future })).toBe(todaysPrice);
      }),
    );
  });
});
