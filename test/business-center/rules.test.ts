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

  it('R-BC-6: the anniversary month the account chose (R-BC-3) moves the service year; the first year runs from the start to it', () => {
    // Start 2024-07-01, anniversary moved to January.
    expect(serviceYearOf(start, '2026-03-01', 1)).toEqual({ from: '2026-01-01', nextAnniversary: '2027-01-01' });
    expect(serviceYearOf(start, '2025-12-31', 1)).toEqual({ from: '2025-01-01', nextAnniversary: '2026-01-01' });
    expect(serviceYearOf(start, '2024-09-01', 1)).toEqual({ from: '2024-07-01', nextAnniversary: '2025-01-01' });
    expect(serviceYearOf(start, '2024-06-01', 1)).toEqual({ from: '2024-07-01', nextAnniversary: '2025-01-01' });
    // Moved to October: the first service year ends at the first October after the start.
    expect(serviceYearOf(start, '2024-09-01', 10)).toEqual({ from: '2024-07-01', nextAnniversary: '2024-10-01' });
    // The start's day of month is kept, the month's last day when the month is shorter.
    expect(serviceYearOf('2024-01-31', '2026-03-15', 2)).toEqual({ from: '2026-02-28', nextAnniversary: '2027-02-28' });
    expect(serviceYearOf('2024-01-31', '2026-03-15', 4)).toEqual({ from: '2025-04-30', nextAnniversary: '2026-04-30' });
  });

  const anyDay = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
  const month = fc.integer({ min: 1, max: 12 });

  it('R-BC-6 (property): choosing the start’s own month moves nothing', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (s, today) => {
        expect(serviceYearOf(s, today, Number(s.slice(5, 7)))).toEqual(serviceYearOf(s, today));
      }),
    );
  });

  it('R-BC-6 (property): with a chosen month, today lies in its service year, which starts no earlier than the start, lasts at most a year and ends in that month', () => {
    fc.assert(
      fc.property(anyDay, anyDay, month, (s, today, m) => {
        const year = serviceYearOf(s, today, m);
        expect(year.from >= s).toBe(true);
        if (today >= s) expect(year.from <= today).toBe(true);
        expect(today < year.nextAnniversary).toBe(true);
        expect(Number(year.nextAnniversary.slice(5, 7))).toBe(m);
        expect(year.from === s || Number(year.from.slice(5, 7)) === m).toBe(true);
        expect(Date.parse(year.nextAnniversary) - Date.parse(year.from)).toBeLessThanOrEqual(366 * 86_400_000);
        // The next service year starts where this one ends.
        expect(serviceYearOf(s, year.nextAnniversary, m).from).toBe(year.nextAnniversary);
      }),
    );
  });

  it('R-BC-6 (property): with a chosen month, a purchase before its anniversary stops setting the price from that day on', () => {
    fc.assert(
      fc.property(month, price, price, fc.integer({ min: 0, max: 364 }), (m, firstPrice, todaysPrice, n) => {
        fc.pre(firstPrice < todaysPrice);
        const year = serviceYearOf(start, '2026-03-01', m);
        const first = { day: addDays(year.from, -1 - (n % 28)), unitPrice: firstPrice };
        const today = addDays(year.from, n % 300);
        if (today >= year.nextAnniversary) return;
        expect(renewalPrice({ serviceYearFrom: year.from, today, todaysPrice, purchases: [first] })).toBe(todaysPrice);
        // In the year it was made in, it did set the price.
        const before = serviceYearOf(start, first.day, m);
        expect(renewalPrice({ serviceYearFrom: before.from, today: first.day, todaysPrice, purchases: [first] })).toBe(firstPrice);
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
