import { describe, expect, it } from 'vitest';
import {
  type AddressFacts,
  addressWarnings,
  countryFixed,
  differentAddressRefusal,
  invitationState,
  normalizeRestrictedDomains,
  type OrganizationSignUpSettings,
  passwordProblem,
  personalRefusal,
  signUpRefusal,
  verificationState,
} from '../../src/modules/identity/registration/rules.js';

const now = new Date('2026-03-02T09:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const PERSONAL = ['gmail.com', 'outlook.com'];

const org = (over: Partial<OrganizationSignUpSettings> = {}): OrganizationSignUpSettings => ({
  domains: ['contoso.example', 'lab.contoso.example'],
  selfSignUp: true,
  restrictedDomains: [],
  directoryRequired: false,
  ...over,
});
const facts = (email: string, over: Partial<AddressFacts> = {}): AddressFacts => ({
  email,
  personalDomains: PERSONAL,
  linkedWorkAccount: null,
  accountExists: false,
  inDirectory: false,
  ...over,
});

describe('registration rules', () => {
  it('R-ID-2: an invitation is valid until it expires, is replaced, used or withdrawn', () => {
    const inv = { expiresAt: later(14), acceptedAt: null, revokedAt: null };
    expect(invitationState(inv, 'invited', now)).toBe('valid');
    expect(invitationState(inv, 'invited', later(14))).toBe('expired');
    expect(invitationState(inv, 'invited', later(15))).toBe('expired');
    expect(invitationState({ ...inv, revokedAt: now }, 'invited', now)).toBe('replaced');
    expect(invitationState({ ...inv, acceptedAt: now }, 'active', later(30))).toBe('used');
    // A replaced link of a user who registered through the newer one is used, not merely replaced.
    expect(invitationState({ ...inv, revokedAt: now }, 'active', now)).toBe('used');
    expect(invitationState(inv, 'removed', now)).toBe('withdrawn');
    expect(invitationState(inv, 'deactivated', now)).toBe('withdrawn');
  });

  it('R-ID-3: a confirmation link is valid until it expires or is used', () => {
    expect(verificationState({ expiresAt: later(14), verifiedAt: null }, now)).toBe('valid');
    expect(verificationState({ expiresAt: later(14), verifiedAt: null }, later(14))).toBe('expired');
    expect(verificationState({ expiresAt: later(14), verifiedAt: now }, later(20))).toBe('used');
  });

  it('passwords: a configurable minimum length, and not the e-mail address', () => {
    expect(passwordProblem('short', 'anna@contoso.example', 12)).toBe('TOO_SHORT');
    expect(passwordProblem('åäöåäöåäöåäö', 'anna@contoso.example', 12)).toBeNull();
    expect(passwordProblem('Anna@Contoso.example', 'anna@contoso.example', 12)).toBe('CONTAINS_EMAIL');
    expect(passwordProblem('x-anna@contoso.example-x', 'anna@contoso.example', 12)).toBe('CONTAINS_EMAIL');
    expect(passwordProblem('anna.lindqvist', 'anna.lindqvist@contoso.example', 12)).toBe('CONTAINS_EMAIL');
    expect(passwordProblem('correct horse battery', 'anna@contoso.example', 12)).toBeNull();
  });

  it('R-ID-4: self sign-up codes, in order: E06, personal, E04 no organization, E03, E02, E04 directory; an existing account is no refusal', () => {
    expect(signUpRefusal(facts('sara@gmail.com', { linkedWorkAccount: 'sara@contoso.example' }), org())).toEqual({
      code: 'E06',
      workAccount: 'sara@contoso.example',
    });
    expect(signUpRefusal(facts('sara@gmail.com'), org())).toEqual({ code: 'PERSONAL_ACCOUNT' });
    // The answer must not say whether the address has an account: the owner is mailed instead (sign-up.ts).
    expect(signUpRefusal(facts('anna@contoso.example', { accountExists: true }), org())).toBeNull();
    expect(signUpRefusal(facts('anna@contoso.example', { accountExists: true }), org({ selfSignUp: false }))).toEqual({ code: 'E03' });
    expect(signUpRefusal(facts('anna@nowhere.example'), null)).toEqual({ code: 'E04', reason: 'NO_ORGANIZATION' });
    expect(signUpRefusal(facts('anna@contoso.example'), org({ selfSignUp: false, restrictedDomains: ['contoso.example'] }))).toEqual({
      code: 'E03',
    });
    expect(signUpRefusal(facts('anna@lab.contoso.example'), org({ restrictedDomains: ['lab.contoso.example'] }))).toEqual({ code: 'E02' });
    expect(signUpRefusal(facts('anna@contoso.example'), org({ restrictedDomains: ['lab.contoso.example'] }))).toBeNull();
    expect(signUpRefusal(facts('anna@contoso.example'), org({ directoryRequired: true }))).toEqual({
      code: 'E04',
      reason: 'NOT_IN_DIRECTORY',
    });
    expect(signUpRefusal(facts('anna@contoso.example', { inDirectory: true }), org({ directoryRequired: true }))).toBeNull();
  });

  it('R-ID-3/R-ID-4: another address at registration is a work account of the inviting organization; restricted is E05', () => {
    expect(differentAddressRefusal(facts('x@lab.contoso.example'), org({ restrictedDomains: ['lab.contoso.example'] }))).toEqual({
      code: 'E05',
    });
    expect(differentAddressRefusal(facts('x@fabrikam.example'), org())).toEqual({ code: 'E04', reason: 'NO_ORGANIZATION' });
    expect(differentAddressRefusal(facts('x@contoso.example'), org({ directoryRequired: true }))).toEqual({
      code: 'E04',
      reason: 'NOT_IN_DIRECTORY',
    });
    // Registering from an invitation is not self sign-up: an organization with sign-up off still registers its invitees.
    expect(differentAddressRefusal(facts('x@contoso.example'), org({ selfSignUp: false }))).toBeNull();
    expect(differentAddressRefusal(facts('x@contoso.example', { accountExists: true }), org())).toEqual({ code: 'ACCOUNT_EXISTS' });
    // Another organization's address is E04 whether or not it has an account.
    expect(differentAddressRefusal(facts('x@fabrikam.example', { accountExists: true }), org())).toEqual({
      code: 'E04',
      reason: 'NO_ORGANIZATION',
    });
    expect(differentAddressRefusal(facts('x@outlook.com'), org())).toEqual({ code: 'PERSONAL_ACCOUNT' });
  });

  it('R-ID-1/R-ID-4: an invited personal address names its linked work account (E06), otherwise it is refused as personal', () => {
    expect(personalRefusal({ email: 'a@gmail.com', personalDomains: PERSONAL, linkedWorkAccount: 'a@contoso.example' })).toEqual({
      code: 'E06',
      workAccount: 'a@contoso.example',
    });
    expect(personalRefusal({ email: 'a@gmail.com', personalDomains: PERSONAL, linkedWorkAccount: null })).toEqual({
      code: 'PERSONAL_ACCOUNT',
    });
    expect(personalRefusal({ email: 'a@contoso.example', personalDomains: PERSONAL, linkedWorkAccount: null })).toBeNull();
  });

  it('R-ID-5: shared-looking addresses get a warning', () => {
    expect(addressWarnings('it-department@contoso.example')).toEqual(['SHARED_MAILBOX']);
    expect(addressWarnings('anna.lind@contoso.example')).toEqual([]);
  });

  it('R-ID-7: the country is fixed once the organization has an active user', () => {
    expect(countryFixed(0)).toBe(false);
    expect(countryFixed(1)).toBe(true);
  });

  it('R-ID-4: restricted domains are normalized and must be the organization’s own', () => {
    expect(normalizeRestrictedDomains([' Lab.Contoso.example', 'lab.contoso.example'], ['contoso.example', 'lab.contoso.example'])).toEqual(
      {
        domains: ['lab.contoso.example'],
        notOwned: [],
      },
    );
    expect(normalizeRestrictedDomains(['fabrikam.example', 'contoso.example'], ['contoso.example'])).toEqual({
      domains: ['contoso.example', 'fabrikam.example'],
      notOwned: ['fabrikam.example'],
    });
  });
});
