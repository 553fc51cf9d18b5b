import { describe, expect, it } from 'vitest';
import { decideSsoSignIn, type SsoFacts, sameSitePath } from '../../src/modules/identity/sso/rules.js';

const org = { id: 'org-1', domains: ['contoso.example'], selfSignUp: true, restrictedDomains: [], directoryRequired: false };
const facts = (over: Partial<SsoFacts> = {}): SsoFacts => ({
  identity: { email: 'anna@contoso.example', emailVerified: true, subject: 'sub-1' },
  organization: org,
  user: null,
  entry: null,
  ...over,
});
const member = (over: Partial<NonNullable<SsoFacts['user']>> = {}) => ({
  organizationId: 'org-1',
  status: 'active' as const,
  ssoSubject: null,
  ...over,
});

describe('SSO rules', () => {
  it('returnTo is only ever a path on this site', () => {
    expect(sameSitePath('/licenses?x=1#y')).toBe('/licenses?x=1#y');
    expect(sameSitePath('/')).toBe('/');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'licenses',
      '',
      'javascript:alert(1)',
      '/a\nb',
      '/a\\b',
    ]) {
      expect(sameSitePath(bad), bad).toBeNull();
    }
  });

  it('an existing active member signs in; the first SSO sign-in binds the subject and records the directory entry', () => {
    expect(decideSsoSignIn(facts({ user: member() }))).toEqual({ kind: 'sign-in', bindSubject: true, activate: false, recordEntry: true });
    expect(decideSsoSignIn(facts({ user: member({ ssoSubject: 'sub-1' }), entry: { active: true } }))).toEqual({
      kind: 'sign-in',
      bindSubject: false,
      activate: false,
      recordEntry: false,
    });
  });

  it('an invited member is activated by the organization’s own identity provider', () => {
    expect(decideSsoSignIn(facts({ user: member({ status: 'invited' }) }))).toMatchObject({ kind: 'sign-in', activate: true });
  });

  it('R-ID-6: a removed member, or an inactive directory entry, is refused with E04', () => {
    expect(decideSsoSignIn(facts({ user: member({ status: 'removed' }) }))).toEqual({ kind: 'refuse', code: 'E04' });
    expect(decideSsoSignIn(facts({ user: member(), entry: { active: false } }))).toEqual({ kind: 'refuse', code: 'E04' });
    expect(decideSsoSignIn(facts({ entry: { active: false } }))).toEqual({ kind: 'refuse', code: 'E04' });
    expect(decideSsoSignIn(facts({ user: member({ status: 'deactivated' }) }))).toEqual({ kind: 'refuse', code: 'USER_DEACTIVATED' });
  });

  it('the provider vouches only for its own organization’s domains and verified addresses', () => {
    const foreign = { email: 'mallory@fabrikam.example', emailVerified: true, subject: 's' };
    expect(decideSsoSignIn(facts({ identity: foreign }))).toEqual({ kind: 'refuse', code: 'SSO_EMAIL_NOT_IN_ORGANIZATION' });
    expect(decideSsoSignIn(facts({ identity: { email: null, emailVerified: null, subject: 's' } }))).toMatchObject({
      code: 'SSO_EMAIL_NOT_IN_ORGANIZATION',
    });
    expect(decideSsoSignIn(facts({ identity: { email: 'anna@contoso.example', emailVerified: false, subject: 's' } }))).toMatchObject({
      code: 'SSO_EMAIL_NOT_IN_ORGANIZATION',
    });
    // The address is the organization's, but the account belongs to another organization.
    expect(decideSsoSignIn(facts({ user: member({ organizationId: 'org-2' }) }))).toMatchObject({ code: 'SSO_EMAIL_NOT_IN_ORGANIZATION' });
    // Missing email_verified (many providers omit it) is not a refusal.
    expect(decideSsoSignIn(facts({ identity: { email: 'anna@contoso.example', emailVerified: null, subject: 's' } })).kind).toBe('create');
  });

  it('another account of the provider claiming a bound address is refused', () => {
    expect(decideSsoSignIn(facts({ user: member({ ssoSubject: 'sub-0' }) }))).toEqual({ kind: 'refuse', code: 'SSO_SUBJECT_MISMATCH' });
  });

  it('R-ID-4: an unknown address signs up only where self sign-up is on (E03), its domain unrestricted (E02) and, when required, in the directory (E04)', () => {
    expect(decideSsoSignIn(facts())).toEqual({ kind: 'create', recordEntry: true });
    expect(decideSsoSignIn(facts({ entry: { active: true } }))).toEqual({ kind: 'create', recordEntry: false });
    expect(decideSsoSignIn(facts({ organization: { ...org, selfSignUp: false } }))).toEqual({ kind: 'refuse', code: 'E03' });
    expect(decideSsoSignIn(facts({ organization: { ...org, restrictedDomains: ['contoso.example'] } }))).toEqual({
      kind: 'refuse',
      code: 'E02',
    });
    expect(decideSsoSignIn(facts({ organization: { ...org, directoryRequired: true } }))).toEqual({ kind: 'refuse', code: 'E04' });
    expect(decideSsoSignIn(facts({ organization: { ...org, directoryRequired: true }, entry: { active: true } })).kind).toBe('create');
  });
});
