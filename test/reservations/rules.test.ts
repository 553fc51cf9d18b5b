import { describe, expect, it } from 'vitest';
import {
  addMonths,
  type Enrollment,
  enrollmentRefusal,
  historyOrder,
  isCancellable,
  isCommitted,
  nextAnniversary,
  offerRefusal,
  usageDateAllowed,
  usageWindow,
} from '../../src/modules/reservations/rules.js';

const ea: Enrollment = {
  programMayReserve: true,
  status: 'ACTIVE',
  endDate: '2027-06-30',
  agreementStartDate: '2019-07-01',
  updatedEaAmendment: false,
};
const at = (iso: string) => new Date(iso);

describe('reservation rules (clock passed in)', () => {
  it('R-RES-1: only programs that may reserve (Enterprise, Enterprise Subscription, Government Partners)', () => {
    expect(enrollmentRefusal(ea, at('2026-03-01T10:00:00Z'))).toBeNull();
    expect(enrollmentRefusal({ ...ea, programMayReserve: false }, at('2026-03-01T10:00:00Z'))).toBe('RESERVATION_PROGRAM_NOT_ELIGIBLE');
  });

  it('R-RES-1, R-RES-4: only online services; Standard always, License Reservation Only with a prior purchase or a fixed price, not configured never', () => {
    const o = { isOnlineService: true, category: 'STANDARD' as const, priorPurchase: false, fixedPrice: false };
    expect(offerRefusal(o)).toBeNull();
    expect(offerRefusal({ ...o, isOnlineService: false })).toBe('RESERVATION_NOT_ONLINE_SERVICE');
    expect(offerRefusal({ ...o, category: 'NOT_CONFIGURED' })).toBe('RESERVATION_NOT_CONFIGURED');
    expect(offerRefusal({ ...o, category: 'LICENSE_RESERVATION_ONLY' })).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    expect(offerRefusal({ ...o, category: 'LICENSE_RESERVATION_ONLY', priorPurchase: true })).toBeNull();
    expect(offerRefusal({ ...o, category: 'LICENSE_RESERVATION_ONLY', fixedPrice: true })).toBeNull();
  });

  it('R-RES-4: an agreement before 2011 needs the updated EA amendment; from 2011 on it does not', () => {
    const now = at('2026-03-01T10:00:00Z');
    expect(enrollmentRefusal({ ...ea, agreementStartDate: '2010-12-31' }, now)).toBe('RESERVATION_AGREEMENT_NOT_ELIGIBLE');
    expect(enrollmentRefusal({ ...ea, agreementStartDate: '2010-12-31', updatedEaAmendment: true }, now)).toBeNull();
    expect(enrollmentRefusal({ ...ea, agreementStartDate: '2011-01-01' }, now)).toBeNull();
  });

  it('R-RES-2: the usage date runs from today to six calendar months ahead, never before today', () => {
    const now = at('2026-03-01T23:30:00Z');
    expect(usageWindow(now, ea.endDate)).toEqual({ from: '2026-03-01', to: '2026-09-01' });
    expect(usageDateAllowed('2026-03-01', now, ea.endDate)).toBe(true);
    expect(usageDateAllowed('2026-09-01', now, ea.endDate)).toBe(true);
    expect(usageDateAllowed('2026-09-02', now, ea.endDate)).toBe(false);
    expect(usageDateAllowed('2026-02-28', now, ea.endDate)).toBe(false);
    // A day the target month lacks falls to its last day.
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(usageWindow(at('2026-08-31T08:00:00Z'), null).to).toBe('2027-02-28');
  });

  it('R-RES-2: never past the enrollment end, none on an expired enrollment, none in its last month', () => {
    expect(usageWindow(at('2027-04-15T10:00:00Z'), '2027-06-30').to).toBe('2027-06-30');
    expect(enrollmentRefusal({ ...ea, status: 'EXPIRED' }, at('2026-03-01T10:00:00Z'))).toBe('RESERVATION_ENROLLMENT_EXPIRED');
    expect(enrollmentRefusal(ea, at('2027-07-01T00:00:00Z'))).toBe('RESERVATION_ENROLLMENT_EXPIRED');
    // The last month before 30 June 2027 starts after 30 May.
    expect(enrollmentRefusal(ea, at('2027-05-30T23:59:59Z'))).toBeNull();
    expect(enrollmentRefusal(ea, at('2027-05-31T00:00:00Z'))).toBe('RESERVATION_ENROLLMENT_LAST_MONTH');
    expect(enrollmentRefusal(ea, at('2027-06-30T12:00:00Z'))).toBe('RESERVATION_ENROLLMENT_LAST_MONTH');
  });

  it('R-RES-3: cancellable for 72 elapsed hours across a weekend (weekends and holidays count), then committed', () => {
    // Submitted Friday 16:00 UTC; the window ends Monday 16:00, not three working days later.
    const r = { submittedAt: at('2026-03-06T16:00:00Z'), cancelledAt: null };
    expect(isCancellable(r, at('2026-03-08T12:00:00Z'))).toBe(true); // Sunday
    expect(isCancellable(r, at('2026-03-09T16:00:00Z'))).toBe(true); // exactly 72 h
    expect(isCommitted(r, at('2026-03-09T16:00:00Z'))).toBe(false);
    expect(isCancellable(r, at('2026-03-09T16:00:00.001Z'))).toBe(false);
    expect(isCommitted(r, at('2026-03-09T16:00:00.001Z'))).toBe(true);
    const cancelled = { ...r, cancelledAt: at('2026-03-07T09:00:00Z') };
    expect(isCancellable(cancelled, at('2026-03-07T10:00:00Z'))).toBe(false);
    expect(isCommitted(cancelled, at('2026-04-01T10:00:00Z'))).toBe(false);
  });

  it('R-RES-5: history lists cancellable reservations first, each part newest first', () => {
    const e = (iso: string, cancellable: boolean) => ({ submittedAt: at(iso), cancellable, iso });
    const sorted = [
      e('2026-03-01T10:00:00Z', false),
      e('2026-03-05T10:00:00Z', true),
      e('2026-03-06T10:00:00Z', false),
      e('2026-03-04T10:00:00Z', true),
    ].sort(historyOrder);
    expect(sorted.map((x) => x.iso)).toEqual([
      '2026-03-05T10:00:00Z',
      '2026-03-04T10:00:00Z',
      '2026-03-06T10:00:00Z',
      '2026-03-01T10:00:00Z',
    ]);
  });

  it('true-up: the next anniversary of the enrollment start, or its end when no anniversary is left', () => {
    expect(nextAnniversary('2024-07-01', '2027-06-30', at('2026-03-01T10:00:00Z'))).toBe('2026-07-01');
    expect(nextAnniversary('2024-07-01', '2027-06-30', at('2026-07-01T10:00:00Z'))).toBe('2027-06-30');
    expect(nextAnniversary('2024-07-01', '2027-06-30', at('2027-07-01T10:00:00Z'))).toBeNull();
  });
});
