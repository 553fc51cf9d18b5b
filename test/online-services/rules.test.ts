import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addOnsWithoutBase,
  decideActivation,
  graceEndsOn,
  graceOver,
  isRenewalOf,
  linkExpired,
  linkExpiresOn,
  mailDue,
  mailSendableFrom,
  newOsaKey,
  normalizeOsaKey,
} from '../../src/modules/online-services/rules.js';

const at = (iso: string) => new Date(iso);

describe('online-services rules', () => {
  it('R-OS-3: the activation link expires six months after the original purchase date', () => {
    expect(linkExpiresOn('2026-01-15')).toBe('2026-07-15');
    expect(linkExpiresOn('2025-08-31')).toBe('2026-02-28');
    expect(linkExpired('2026-01-15', at('2026-07-14T23:59:59Z'))).toBe(false);
    expect(linkExpired('2026-01-15', at('2026-07-15T00:00:00Z'))).toBe(true);
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
  });

  it('R-OS-4: a future usage date is mailed from 48 hours before it, not earlier', () => {
    expect(mailSendableFrom('2026-04-01').toISOString()).toBe('2026-03-30T00:00:00.000Z');
    expect(mailDue('2026-04-01', at('2026-03-29T23:59:59Z'))).toBe(false);
    expect(mailDue('2026-04-01', at('2026-03-30T00:00:00Z'))).toBe(true);
    expect(mailDue('2026-03-01', at('2026-03-01T09:00:00Z'))).toBe(true);
  });

  it('R-OS-6: the grace period runs 90 days from the end of the renewed enrollment (or the renewal, if later)', () => {
    expect(graceEndsOn('2026-06-30', '2026-06-01')).toBe('2026-09-28');
    expect(graceEndsOn('2026-06-30', '2026-08-01')).toBe('2026-10-30');
    expect(graceEndsOn(null, '2026-08-01')).toBe('2026-10-30');
    expect(graceOver('2026-09-28', at('2026-09-27T23:59:59Z'))).toBe(false);
    expect(graceOver('2026-09-28', at('2026-09-28T00:00:00Z'))).toBe(true);
  });

  it('R-OS-6: a renewal is a later enrollment of the same organization under the same name, starting once the earlier ended', () => {
    const old = { id: 'a', organizationId: 'o', name: 'Contoso  Enrollment', startDate: '2023-07-01', endDate: '2026-06-30' };
    const next = { id: 'b', organizationId: 'o', name: 'contoso enrollment', startDate: '2026-07-01', endDate: '2029-06-30' };
    expect(isRenewalOf(next, old)).toBe(true);
    expect(isRenewalOf({ ...next, name: 'Contoso Sweden' }, old)).toBe(false);
    expect(isRenewalOf({ ...next, organizationId: 'p' }, old)).toBe(false);
    // Side by side under one name: each enrollment is activated on its own (seed 003).
    expect(isRenewalOf({ ...next, startDate: '2025-01-01' }, old)).toBe(false);
    expect(isRenewalOf(next, { ...old, endDate: null })).toBe(false);
  });

  it('R-OS-6: an add-on without its base service on the enrollment is found', () => {
    const bases = new Map([['addon', 'base']]);
    expect(addOnsWithoutBase(new Set(['addon']), bases)).toEqual(['addon']);
    expect(addOnsWithoutBase(new Set(['addon', 'base']), bases)).toEqual([]);
    expect(addOnsWithoutBase(new Set(['other']), bases)).toEqual([]);
  });

  it('R-OS-1, R-OS-4, R-OS-6: what the first order of a service leads to, in order of precedence', () => {
    const now = at('2026-03-01T09:00:00Z');
    const none = {
      linkedAccountId: null,
      renews: null,
      osmEmail: null,
      domainAccountId: null,
      adminAccountId: null,
      usageDate: '2026-03-01',
    };
    expect(decideActivation(none, now)).toEqual({ kind: 'MAIL_ADMINISTRATORS' });
    expect(decideActivation({ ...none, osmEmail: 'osm@x.example' }, now)).toEqual({ kind: 'MAIL_OSM' });
    expect(decideActivation({ ...none, osmEmail: 'osm@x.example', usageDate: '2026-03-05' }, now)).toEqual({
      kind: 'SCHEDULED',
      sendFrom: at('2026-03-03T00:00:00Z'),
    });
    expect(decideActivation({ ...none, osmEmail: 'osm@x.example', adminAccountId: 'acc' }, now)).toEqual({
      kind: 'AUTO_ADMIN',
      accountId: 'acc',
    });
    expect(decideActivation({ ...none, osmEmail: 'osm@x.example', domainAccountId: 'dom', adminAccountId: 'acc' }, now)).toEqual({
      kind: 'AUTO_DOMAIN',
      accountId: 'dom',
    });
    expect(decideActivation({ ...none, osmEmail: 'o@x.example', renews: { licensingId: 'old', accountId: 'r' } }, now)).toEqual({
      kind: 'RENEWAL',
      accountId: 'r',
      previousLicensingId: 'old',
    });
    expect(decideActivation({ ...none, linkedAccountId: 'l', osmEmail: 'o@x.example', domainAccountId: 'dom' }, now)).toEqual({
      kind: 'ALREADY_LINKED',
      accountId: 'l',
    });
  });

  it('R-OS-7: OSA keys look like product keys and are compared without case or dashes', () => {
    const key = newOsaKey();
    expect(key).toMatch(/^([2-9B-Y]{5}-){4}[2-9B-Y]{5}$/);
    expect(normalizeOsaKey(` ${key.toLowerCase()} `)).toBe(key.replaceAll('-', ''));
  });
});
