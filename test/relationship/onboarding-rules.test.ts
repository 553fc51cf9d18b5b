import { describe, expect, it } from 'vitest';
import {
  type AgreementInput,
  canonicalContent,
  contentHash,
  licensingIdKindOf,
  lifecycleOn,
  type OnboardingFacts,
  onboardingErrors,
  renewalRefusal,
} from '../../src/modules/relationship/onboarding/rules.js';
import { CONTACT_ROLE, CONTACTS_OF_RECORD, roleOfContact } from '../../src/modules/relationship/rules.js';

const input = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  organization: { name: 'Tailspin Toys', domains: ['tailspin.example'], country: 'SE' },
  number: 'EA-1',
  program: 'ENTERPRISE',
  priceLevel: 'A',
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  mbsaNumber: 'M-1',
  licensingIds: [{ number: '1', name: 'One', authorizationNumber: null, affiliateRole: null }],
  contacts: [{ type: 'PRIMARY_CONTACT', name: 'P', email: 'p@tailspin.example', locale: 'en' }],
  ...over,
});
const facts = (over: Partial<OnboardingFacts> = {}): OnboardingFacts => ({
  domainOwners: [],
  mbsaOwner: null,
  parentOwner: null,
  takenLicensingIds: new Set(),
  personalDomains: ['gmail.com'],
  ...over,
});

describe('onboarding rules', () => {
  it('R-REL-6: the contacts of record and their roles are declared once; Channel Partner is left to the partner work', () => {
    expect(CONTACTS_OF_RECORD).toEqual([
      'PRIMARY_CONTACT',
      'NOTICES_CORRESPONDENT',
      'ONLINE_ADMINISTRATOR',
      'SA_MANAGER',
      'ONLINE_SERVICES_MANAGER',
      'SUBSCRIPTIONS_MANAGER',
    ]);
    expect(CONTACT_ROLE.NOTICES_CORRESPONDENT).toBe('ADMINISTRATOR');
    expect(roleOfContact('SUBSCRIPTIONS_MANAGER')).toBe('SUBSCRIPTIONS_MANAGER');
    expect(roleOfContact('CHANNEL_PARTNER')).toBeNull();
  });

  it('R-REL-1: the Licensing ID kind follows the program', () => {
    expect(licensingIdKindOf('ENTERPRISE')).toBe('ENROLLMENT');
    expect(licensingIdKindOf('SELECT_PLUS')).toBe('PCN');
    expect(licensingIdKindOf('OPEN_LICENSE')).toBe('LICENSE');
    expect(licensingIdKindOf('OPEN_VALUE')).toBe('AGREEMENT');
  });

  it('expiry: a term that ended before the clock’s day is expired; the last day is still active', () => {
    expect(lifecycleOn('2026-06-30', '2026-06-30')).toBe('ACTIVE');
    expect(lifecycleOn('2026-06-30', '2026-07-01')).toBe('EXPIRED');
    expect(lifecycleOn(null, '2099-01-01')).toBe('ACTIVE');
  });

  it('renewal: only an enrollment, only to a later end', () => {
    expect(renewalRefusal({ kind: 'ENROLLMENT', endDate: '2027-06-30' }, '2030-06-30')).toBeNull();
    expect(renewalRefusal({ kind: 'ENROLLMENT', endDate: '2027-06-30' }, '2027-06-30')).toBe('RENEWAL_NOT_LATER');
    expect(renewalRefusal({ kind: 'LICENSE', endDate: null }, '2030-06-30')).toBe('NOT_AN_ENROLLMENT');
  });

  it('the content hash ignores the order of domains and fills in defaults', () => {
    const a = input({ organization: { name: 'T', domains: ['b.example', 'a.example'], country: 'SE' } });
    const b = input({
      organization: { name: 'T', domains: ['a.example', 'b.example'], country: 'SE' },
      licensingIds: [
        {
          number: '1',
          name: 'One',
          startDate: '2026-01-01',
          endDate: '2028-12-31',
          priceLevel: 'A',
          authorizationNumber: null,
          affiliateRole: null,
        },
      ],
    });
    expect(contentHash(canonicalContent(a))).toBe(contentHash(canonicalContent(b)));
    expect(contentHash(canonicalContent(a))).not.toBe(contentHash(canonicalContent({ ...a, priceLevel: 'B' })));
  });

  it('finds every error at once, at the rows they came from', () => {
    const errors = onboardingErrors(
      input({
        program: 'OPEN_VALUE',
        licensingIds: [
          { number: '1', name: 'One', authorizationNumber: null, affiliateRole: null },
          { number: '1', name: 'Again', authorizationNumber: null, affiliateRole: null },
        ],
        contacts: [
          { type: 'PRIMARY_CONTACT', name: 'P', email: 'p@gmail.com', locale: 'en' },
          { type: 'PRIMARY_CONTACT', name: 'Q', email: 'q@tailspin.example', locale: 'en' },
        ],
      }),
      facts({ mbsaOwner: 'other-org', domainOwners: [{ id: 'x', name: 'Someone Else' }] }),
      { header: 2, licensingIds: [2, 3], contacts: [4, 5] },
    );
    expect(errors.map((e) => `${e.line} ${e.field} ${e.code}`)).toEqual([
      '2 organization.domains ORGANIZATION_CONFLICT',
      '2 mbsaNumber MBSA_NOT_ALLOWED',
      '2 mbsaNumber PARENT_OF_OTHER_ORGANIZATION',
      '3 licensingIds.1.number DUPLICATE_LICENSING_ID',
      '4 contacts.0.email PERSONAL_ACCOUNT',
      '5 contacts.1.type DUPLICATE_CONTACT',
    ]);
  });
});
