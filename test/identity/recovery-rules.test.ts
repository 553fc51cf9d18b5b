import { describe, expect, it } from 'vitest';
import {
  adminResetRefusal,
  nameCorrectionRefusal,
  type RecoveryAccount,
  remainingDelay,
  resetLinkState,
  resetOutcome,
} from '../../src/modules/identity/recovery/rules.js';

const account = (over: Partial<RecoveryAccount> = {}): RecoveryAccount => ({
  status: 'active',
  hasPassword: true,
  ssoLinked: false,
  ...over,
});

describe('account recovery rules', () => {
  it('forgot password mails only an active account: a link for a password, a pointer to the identity provider for SSO-only', () => {
    expect(resetOutcome(null)).toBe('NOTHING');
    expect(resetOutcome(account())).toBe('LINK');
    expect(resetOutcome(account({ ssoLinked: true }))).toBe('LINK'); // a password here as well: it can be reset
    expect(resetOutcome(account({ hasPassword: false, ssoLinked: true }))).toBe('SSO_HINT');
    expect(resetOutcome(account({ hasPassword: false }))).toBe('NOTHING');
    for (const status of ['invited', 'deactivated', 'removed'] as const) {
      expect(resetOutcome(account({ status })), status).toBe('NOTHING');
      expect(resetOutcome(account({ status, hasPassword: false, ssoLinked: true })), status).toBe('NOTHING');
    }
  });

  it('a link works once, until the instant it expires', () => {
    const expiresAt = new Date('2026-03-02T10:00:00Z');
    expect(resetLinkState({ expiresAt, usedAt: null }, new Date('2026-03-02T09:59:59.999Z'))).toBe('valid');
    expect(resetLinkState({ expiresAt, usedAt: null }, expiresAt)).toBe('expired');
    expect(resetLinkState({ expiresAt, usedAt: new Date('2026-03-02T09:10:00Z') }, new Date('2026-03-02T09:20:00Z'))).toBe('used');
    expect(resetLinkState({ expiresAt, usedAt: new Date('2026-03-02T09:10:00Z') }, new Date('2026-03-02T11:00:00Z'))).toBe('used');
  });

  it('an Administrator resets only a registered, active password account of their own organization', () => {
    expect(adminResetRefusal({ ...account(), ownOrganization: true })).toBeNull();
    expect(adminResetRefusal({ ...account(), ownOrganization: false })).toBe('ACCOUNT_OF_ANOTHER_ORGANIZATION');
    expect(adminResetRefusal({ ...account({ status: 'invited', hasPassword: false }), ownOrganization: true })).toBe('USER_NOT_REGISTERED');
    expect(adminResetRefusal({ ...account({ status: 'deactivated' }), ownOrganization: true })).toBe('ACCOUNT_NOT_ACTIVE');
    expect(adminResetRefusal({ ...account({ status: 'removed' }), ownOrganization: true })).toBe('ACCOUNT_NOT_ACTIVE');
    expect(adminResetRefusal({ ...account({ hasPassword: false, ssoLinked: true }), ownOrganization: true })).toBe('SSO_ACCOUNT');
    expect(nameCorrectionRefusal({ ownOrganization: true })).toBeNull();
    expect(nameCorrectionRefusal({ ownOrganization: false })).toBe('ACCOUNT_OF_ANOTHER_ORGANIZATION');
  });

  it('a "forgot password" answer waits out the rest of its floor, never less than nothing', () => {
    expect(remainingDelay(1000, 1010, 250)).toBe(240);
    expect(remainingDelay(1000, 1250, 250)).toBe(0);
    expect(remainingDelay(1000, 2000, 250)).toBe(0);
  });
});
