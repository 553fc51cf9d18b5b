import { describe, expect, it } from 'vitest';
import type { Benefit } from '../../src/modules/software-assurance/rules.js';
import { cancelRefusal, newVoucherNumber, redeemRefusal, useRefusal } from '../../src/modules/software-assurance/voucher-rules.js';

const vouchers = (over: Partial<Benefit>): Benefit => ({
  benefit: 'TRAINING_VOUCHERS',
  unit: 'DAYS',
  status: 'ACTIVATED',
  eligibleQuantity: 10,
  usedQuantity: 4,
  quantityRemaining: 6,
  expiresOn: '2027-06-30',
  expiry: { notice: 'NONE', daysLeft: 400 },
  requiresActivation: true,
  subRole: 'TRAINING_VOUCHERS',
  ...over,
});

describe('training voucher rules (R-SA-5)', () => {
  it('R-SA-5: only an Activated benefit is used, and never for more than remains', () => {
    expect(useRefusal(vouchers({}), 6)).toBeNull();
    expect(useRefusal(vouchers({}), 7)).toBe('SA_NOT_ENOUGH_REMAINING');
    expect(useRefusal(vouchers({ status: 'REQUIRES_ACTIVATION' }), 1)).toBe('SA_BENEFIT_NOT_ACTIVATED');
    expect(useRefusal(vouchers({ status: 'HAR' }), 1)).toBe('SA_BENEFIT_ON_HOLD');
    expect(useRefusal(vouchers({ status: 'EXPIRED' }), 1)).toBe('SA_BENEFIT_EXPIRED');
    expect(useRefusal(undefined, 1)).toBe('SA_BENEFIT_NOT_OFFERED');
  });

  it('R-SA-5: a provider redeems only an assigned voucher of a benefit neither expired nor on hold (HAR)', () => {
    expect(redeemRefusal('ASSIGNED', 'ACTIVATED')).toBeNull();
    expect(redeemRefusal('REDEEMED', 'ACTIVATED')).toBe('SA_VOUCHER_REDEEMED');
    expect(redeemRefusal('CANCELLED', 'ACTIVATED')).toBe('SA_VOUCHER_CANCELLED');
    expect(redeemRefusal('ASSIGNED', 'EXPIRED')).toBe('SA_BENEFIT_EXPIRED');
    expect(redeemRefusal('ASSIGNED', undefined)).toBe('SA_BENEFIT_EXPIRED');
    expect(redeemRefusal('ASSIGNED', 'HAR')).toBe('SA_BENEFIT_ON_HOLD');
    // The voucher's own state comes first: a spent voucher stays spent whatever happens to the benefit.
    expect(redeemRefusal('REDEEMED', 'HAR')).toBe('SA_VOUCHER_REDEEMED');
  });

  it('R-SA-5: a voucher redeemed or already cancelled cannot be cancelled', () => {
    expect(cancelRefusal('ASSIGNED')).toBeNull();
    expect(cancelRefusal('REDEEMED')).toBe('SA_VOUCHER_REDEEMED');
    expect(cancelRefusal('CANCELLED')).toBe('SA_VOUCHER_CANCELLED');
  });

  it('R-SA-5: voucher numbers avoid characters misread aloud and differ each time', () => {
    const numbers = new Set(Array.from({ length: 1000 }, newVoucherNumber));
    expect(numbers.size).toBe(1000);
    for (const n of numbers) expect(n).toMatch(/^TV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });
});
