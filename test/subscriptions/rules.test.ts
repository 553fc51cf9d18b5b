import { describe, expect, it } from 'vitest';
import { LICENSE_TYPES } from '../../src/modules/orders/rules.js';
import {
  assignRefusal,
  purchasedOn,
  reassignRefusal,
  remaining,
  SUBSCRIPTION_LICENSE_TYPES,
  todayOf,
} from '../../src/modules/subscriptions/rules.js';
import { fixedClock } from '../../src/platform/clock.js';

describe('subscription rules (R-PERM-2, Subscriptions Manager)', () => {
  it('R-PERM-2: only subscription lines are assigned to people; online services are assigned in the service’s own portal', () => {
    expect(SUBSCRIPTION_LICENSE_TYPES).toEqual(['SUBSCRIPTION']);
    expect(LICENSE_TYPES).toContain('SUBSCRIPTION');
  });

  it('R-PERM-2: purchased today counts lines whose term has started, counts already and has not ended', () => {
    const line = (quantity: number, coverageStart: string, coverageEnd: string | null, countsFrom = coverageStart) => ({
      quantity,
      coverageStart,
      coverageEnd,
      countsFrom,
    });
    const lines = [
      line(5, '2024-07-01', '2027-06-30'),
      line(3, '2026-03-02', '2027-06-30'), // starts tomorrow
      line(7, '2023-01-01', '2026-02-28'), // ended
      line(2, '2026-01-01', '2026-03-01'), // ends today: still held today
      line(4, '2026-01-01', null, '2026-04-01'), // does not count yet
    ];
    expect(purchasedOn(lines, todayOf(fixedClock('2026-03-01T23:59:00Z')))).toBe(7);
    expect(purchasedOn(lines, '2026-03-02')).toBe(8);
    expect(purchasedOn([], '2026-03-01')).toBe(0);
  });

  it('R-PERM-2: remaining is purchased less assigned, never below zero when a term has ended', () => {
    expect(remaining(5, 2)).toBe(3);
    expect(remaining(2, 5)).toBe(0);
  });

  it('R-PERM-2: the purchase obligation must be acknowledged first; then there must be one purchased and one left', () => {
    expect(assignRefusal({ acknowledged: false, purchased: 5, assigned: 0 })).toBe('SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED');
    expect(assignRefusal({ acknowledged: true, purchased: 0, assigned: 0 })).toBe('SUBSCRIPTION_NOT_PURCHASED');
    expect(assignRefusal({ acknowledged: true, purchased: 5, assigned: 5 })).toBe('SUBSCRIPTIONS_NONE_REMAINING');
    expect(assignRefusal({ acknowledged: true, purchased: 5, assigned: 7 })).toBe('SUBSCRIPTIONS_NONE_REMAINING');
    expect(assignRefusal({ acknowledged: true, purchased: 5, assigned: 4 })).toBeNull();
  });

  it('R-PERM-2: a reassignment must go to someone else', () => {
    expect(reassignRefusal('a@contoso.example', 'a@contoso.example')).toBe('SUBSCRIPTION_ALREADY_ASSIGNED');
    expect(reassignRefusal('a@contoso.example', 'b@contoso.example')).toBeNull();
  });
});
