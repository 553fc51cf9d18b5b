import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  ADD_OPEN_ROLES,
  addOpenSuspension,
  effectiveProfile,
  isProfileComplete,
  missingAddOpenRoles,
  normalizeLicenseNumber,
  suspensionLookbackStart,
} from '../../src/modules/permissions/add-open/rules.js';
import { roleAllows } from '../../src/platform/authz/actions.js';

const policy = { maxFailures: 5, windowHours: 24, suspensionHours: 72 };
const at = (h: number) => new Date(Date.UTC(2026, 2, 1) + h * 3_600_000);

describe('Add Open License rules', () => {
  it('R-PERM-10: the limited set is view license info + SA summary, download, product keys, subscriptions — never Administrator', () => {
    expect([...ADD_OPEN_ROLES].sort()).toEqual(['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER']);
    expect(ADD_OPEN_ROLES).not.toContain('ADMINISTRATOR');
    const allows = (a: Parameters<typeof roleAllows>[1]) => ADD_OPEN_ROLES.some((r) => roleAllows(r, a));
    for (const a of ['reports.view', 'sa.view', 'downloads.get', 'keys.view', 'subscriptions.assign'] as const)
      expect(allows(a), a).toBe(true);
    for (const a of ['users.manage', 'sa.manage', 'reservations.create', 'services.activate'] as const) expect(allows(a), a).toBe(false);
  });

  it('R-PERM-10: only the roles not yet held are granted; an Administrator needs none', () => {
    expect(missingAddOpenRoles([])).toEqual([...ADD_OPEN_ROLES]);
    expect(missingAddOpenRoles(['DOWNLOAD', 'SA_MANAGER'])).toEqual(['LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER']);
    expect(missingAddOpenRoles([...ADD_OPEN_ROLES])).toEqual([]);
    expect(missingAddOpenRoles(['ADMINISTRATOR'])).toEqual([]);
  });

  it('R-PERM-10: numbers match trimmed and case-insensitively', () => {
    expect(normalizeLicenseNumber('  v1234567 ')).toBe('V1234567');
    expect(normalizeLicenseNumber('auth-7788')).toBe(normalizeLicenseNumber('AUTH-7788'));
  });

  it('R-PERM-10: a complete profile needs both names; names given with the request complete it, never overwrite it', () => {
    expect(isProfileComplete({ firstName: 'Anna', lastName: 'Lind' })).toBe(true);
    expect(isProfileComplete({ firstName: 'Anna', lastName: ' ' })).toBe(false);
    expect(isProfileComplete({ firstName: '', lastName: '' })).toBe(false);
    const empty = { firstName: '', lastName: '' };
    expect(effectiveProfile(empty, { firstName: ' Ola ', lastName: 'Nordmann' })).toEqual({ firstName: 'Ola', lastName: 'Nordmann' });
    expect(effectiveProfile({ firstName: 'Anna', lastName: 'Lind' }, {})).toEqual({ firstName: 'Anna', lastName: 'Lind' });
    // Names sent with the request complete a profile; they never overwrite stored ones.
    expect(effectiveProfile({ firstName: 'Anna', lastName: 'Lind' }, { firstName: 'Eve', lastName: 'X' })).toEqual({
      firstName: 'Anna',
      lastName: 'Lind',
    });
    expect(effectiveProfile({ firstName: 'Anna', lastName: '' }, { firstName: 'Eve', lastName: 'Lind' })).toEqual({
      firstName: 'Anna',
      lastName: 'Lind',
    });
    expect(isProfileComplete(effectiveProfile(empty, { firstName: 'Ola' }))).toBe(false);
  });

  it('R-PERM-10: the limits are configuration with the defaults 5 failures / 24 h window / 72 h suspension', () => {
    const c = loadConfig({});
    expect([c.ADD_OPEN_MAX_FAILURES, c.ADD_OPEN_FAILURE_WINDOW_HOURS, c.ADD_OPEN_SUSPENSION_HOURS]).toEqual([5, 24, 72]);
  });

  it('R-PERM-10: fewer than N failures in the window leave attempts; the Nth suspends for the period after it', () => {
    const four = [at(0), at(1), at(2), at(3)];
    expect(addOpenSuspension([], at(0), policy)).toEqual({ suspended: false, attemptsLeft: 5 });
    expect(addOpenSuspension(four, at(4), policy)).toEqual({ suspended: false, attemptsLeft: 1 });
    const five = [...four, at(4)];
    expect(addOpenSuspension(five, at(4), policy)).toEqual({ suspended: true, until: at(76) });
    expect(addOpenSuspension(five, at(75.99), policy)).toMatchObject({ suspended: true });
    expect(addOpenSuspension(five, at(76), policy)).toEqual({ suspended: false, attemptsLeft: 5 });
  });

  it('R-PERM-10: failures spread wider than the window never add up to a suspension', () => {
    const spread = [at(0), at(10), at(20), at(30), at(40), at(50)];
    expect(addOpenSuspension(spread, at(50), policy)).toMatchObject({ suspended: false });
    // Failures older than the window no longer count against the remaining attempts.
    expect(addOpenSuspension([at(0), at(1)], at(30), policy)).toEqual({ suspended: false, attemptsLeft: 5 });
  });

  it('R-PERM-10: after a suspension ends the count starts afresh, even with a window longer than the suspension', () => {
    const long = { maxFailures: 3, windowHours: 100, suspensionHours: 10 };
    const fails = [at(0), at(1), at(2)];
    expect(addOpenSuspension(fails, at(5), long)).toEqual({ suspended: true, until: at(12) });
    expect(addOpenSuspension([...fails, at(13)], at(13), long)).toEqual({ suspended: false, attemptsLeft: 2 });
    expect(addOpenSuspension([...fails, at(13), at(14), at(15)], at(15), long)).toEqual({ suspended: true, until: at(25) });
  });

  it('R-PERM-10: failures stamped after "now" (clock skew between nodes) are ignored, and the look-back covers window + suspension', () => {
    expect(addOpenSuspension([at(10), at(11), at(12), at(13), at(14)], at(5), policy)).toEqual({ suspended: false, attemptsLeft: 5 });
    expect(suspensionLookbackStart(at(96), policy)).toEqual(at(0));
  });
});
