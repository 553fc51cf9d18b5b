import { describe, expect, it } from 'vitest';
import { isAuditAction, periodOf, readable } from '../../src/modules/audit/rules.js';

describe('audit view rules (pure)', () => {
  it('a period runs from the start of its first UTC day to the end of its last; either end may be open; reversed is null', () => {
    expect(periodOf('2026-03-01', '2026-03-01')).toEqual({
      since: new Date('2026-03-01T00:00:00Z'),
      before: new Date('2026-03-02T00:00:00Z'),
    });
    expect(periodOf(undefined, '2026-12-31')).toEqual({ since: null, before: new Date('2027-01-01T00:00:00Z') });
    expect(periodOf('2026-02-28', undefined)).toEqual({ since: new Date('2026-02-28T00:00:00Z'), before: null });
    expect(periodOf(undefined, undefined)).toEqual({ since: null, before: null });
    expect(periodOf('2026-03-02', '2026-03-01')).toBeNull();
  });

  it('an Administrator reads the Licensing IDs they administer among those an entry concerns, and its details only when it concerns no other', () => {
    const mine = new Set(['a', 'b']);
    expect(readable(['a'], mine)).toEqual({ licensingIds: ['a'], detailWithheld: false });
    expect(readable(['a', 'b'], mine)).toEqual({ licensingIds: ['a', 'b'], detailWithheld: false });
    expect(readable(['a', 'c'], mine)).toEqual({ licensingIds: ['a'], detailWithheld: true });
    // An organization-level entry concerns no Licensing ID: read whole.
    expect(readable([], mine)).toEqual({ licensingIds: [], detailWithheld: false });
  });

  it('knows the catalogued actions only', () => {
    expect(isAuditAction('users.set-roles')).toBe(true);
    expect(isAuditAction('order.ingest')).toBe(true);
    expect(isAuditAction('users.explode')).toBe(false);
    expect(isAuditAction('')).toBe(false);
  });
});
