/** Pure rules of invitations, registration, self sign-up and the organization's sign-up settings. */
import { emailDomain, isPersonalAddress, looksShared, normalizeEmail } from '../rules.js';

export type UserStatus = 'invited' | 'active' | 'deactivated' | 'removed';

/**
 * R-ID-2. `replaced`: a newer link was sent, so this one no longer registers (it can still ask for
 * a fresh one). `withdrawn`: the invited user was deactivated or removed before registering.
 */
export type InvitationState = 'valid' | 'expired' | 'replaced' | 'used' | 'withdrawn';

export function invitationState(
  inv: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  inviteeStatus: UserStatus,
  now: Date,
): InvitationState {
  if (inv.acceptedAt || inviteeStatus === 'active') return 'used';
  if (inviteeStatus !== 'invited') return 'withdrawn';
  if (inv.revokedAt) return 'replaced';
  return inv.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export type VerificationState = 'valid' | 'expired' | 'used';

export function verificationState(v: { expiresAt: Date; verifiedAt: Date | null }, now: Date): VerificationState {
  if (v.verifiedAt) return 'used';
  return v.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export const daysAfter = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000);

export type PasswordProblem = 'TOO_SHORT' | 'CONTAINS_EMAIL';

/** A password long enough that guessing is impractical, and not the address everyone can see. */
export function passwordProblem(password: string, email: string, minLength: number): PasswordProblem | null {
  if ([...password].length < minLength) return 'TOO_SHORT';
  const p = password.trim().toLowerCase();
  const address = normalizeEmail(email);
  const local = address.split('@')[0] ?? '';
  if (p.includes(address) || p === local) return 'CONTAINS_EMAIL';
  return null;
}

export interface OrganizationSignUpSettings {
  domains: readonly string[];
  selfSignUp: boolean;
  restrictedDomains: readonly string[];
  directoryRequired: boolean;
}

/** What the service looked up about an address before deciding; the decision itself is pure. */
export interface AddressFacts {
  email: string;
  personalDomains: readonly string[];
  /** The work account this address was linked to as a personal address (user.personal_email), if any. */
  linkedWorkAccount: string | null;
  /** An account (in any status) already uses the address. */
  accountExists: boolean;
  /** The address is an active entry of the organization's directory. */
  inDirectory: boolean;
}

export type Refusal =
  | { code: 'E06'; workAccount: string }
  | { code: 'PERSONAL_ACCOUNT' }
  | { code: 'ACCOUNT_EXISTS' }
  | { code: 'E02' }
  | { code: 'E03' }
  | { code: 'E04'; reason: 'NO_ORGANIZATION' | 'NOT_IN_DIRECTORY' }
  | { code: 'E05' };

const isRestricted = (org: OrganizationSignUpSettings, email: string) => org.restrictedDomains.includes(emailDomain(email));

/**
 * R-ID-1/R-ID-4: accounts are work accounts. A personal address names the work account it was
 * linked to (E06) before it is refused as personal. Also applies to registering with the invited
 * address itself: an agreement may list a personal address, and the user then registers with a
 * work address (R-ID-3).
 */
export function personalRefusal(f: Pick<AddressFacts, 'email' | 'personalDomains' | 'linkedWorkAccount'>): Refusal | null {
  if (f.linkedWorkAccount) return { code: 'E06', workAccount: f.linkedWorkAccount };
  if (isPersonalAddress(f.email, f.personalDomains)) return { code: 'PERSONAL_ACCOUNT' };
  return null;
}

/**
 * R-ID-4: why a self sign-up is refused, or null. `org` is the organization owning the address's
 * domain (null: none does). Whether an account already uses the address is deliberately not a
 * refusal: sign-up answers alike either way and mails the existing owner instead, so it cannot be
 * used to find out who has an account. What is left depends on the address's domain and the
 * organization's settings, not on any one account (E06 excepted: the seed wants the work account
 * named, R-ID-4).
 */
export function signUpRefusal(f: AddressFacts, org: OrganizationSignUpSettings | null): Refusal | null {
  const personal = personalRefusal(f);
  if (personal) return personal;
  if (!org) return { code: 'E04', reason: 'NO_ORGANIZATION' };
  if (!org.selfSignUp) return { code: 'E03' };
  if (isRestricted(org, f.email)) return { code: 'E02' };
  if (org.directoryRequired && !f.inDirectory) return { code: 'E04', reason: 'NOT_IN_DIRECTORY' };
  return null;
}

/**
 * R-ID-3/R-ID-4: registering an invitation with another address than the invited one. The
 * address must be a work account of the inviting organization; a restricted domain is E05 (the
 * invitation does not lift the restriction for an address nobody invited). The domain is checked
 * before whether the address has an account, so ACCOUNT_EXISTS speaks only of the inviting
 * organization's own addresses, never of another organization's people.
 */
export function differentAddressRefusal(f: AddressFacts, org: OrganizationSignUpSettings): Refusal | null {
  const personal = personalRefusal(f);
  if (personal) return personal;
  if (!org.domains.includes(emailDomain(f.email))) return { code: 'E04', reason: 'NO_ORGANIZATION' };
  if (f.accountExists) return { code: 'ACCOUNT_EXISTS' };
  if (isRestricted(org, f.email)) return { code: 'E05' };
  if (org.directoryRequired && !f.inDirectory) return { code: 'E04', reason: 'NOT_IN_DIRECTORY' };
  return null;
}

export const sameAddress = (a: string, b: string) => normalizeEmail(a) === normalizeEmail(b);

export type Warning = 'SHARED_MAILBOX';

/** R-ID-5: warn, never refuse. */
export function addressWarnings(email: string): Warning[] {
  return looksShared(email) ? ['SHARED_MAILBOX'] : [];
}

/** R-ID-7: the country is fixed once sign-up completed, i.e. once the organization has an active user. */
export const countryFixed = (activeUsers: number) => activeUsers > 0;

/**
 * R-ID-4: restricted domains must be work domains of the organization. Returns them normalized
 * and de-duplicated, plus those that are not the organization's.
 */
export function normalizeRestrictedDomains(requested: readonly string[], orgDomains: readonly string[]) {
  const domains = [...new Set(requested.map((d) => d.trim().toLowerCase()))].sort();
  return { domains, notOwned: domains.filter((d) => !orgDomains.includes(d)) };
}
