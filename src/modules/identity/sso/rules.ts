/** Pure rules of SSO sign-in: where a sign-in may return to, and what an identity provider's answer leads to. */
import { emailDomain } from '../rules.js';

/**
 * Only a path on this site: one leading slash, no scheme, no `//host` or `/\host` (which browsers
 * read as another host), no control characters. Anything else is refused, not silently fixed.
 */
export function sameSitePath(value: string): string | null {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  return value;
}

/** Why an SSO sign-in is refused: each code is shown on the sign-in page (R-ID-4). */
export type SsoRefusal =
  | 'E02' // the address's domain is restricted for automatic sign-up
  | 'E03' // the organization turned self sign-up off
  | 'E04' // no such account in the organization's directory (or removed from it: R-ID-6)
  | 'USER_DEACTIVATED'
  | 'SSO_EMAIL_NOT_IN_ORGANIZATION'
  | 'SSO_SUBJECT_MISMATCH';

export interface SsoFacts {
  /** What the identity provider asserted. */
  identity: { email: string | null; emailVerified: boolean | null; subject: string };
  organization: {
    id: string;
    domains: readonly string[];
    selfSignUp: boolean;
    restrictedDomains: readonly string[];
    directoryRequired: boolean;
  };
  /** The user with that address, in whichever organization. */
  user: { organizationId: string; status: 'invited' | 'active' | 'deactivated' | 'removed'; ssoSubject: string | null } | null;
  /** The organization's directory entry for the address. */
  entry: { active: boolean } | null;
}

export type SsoOutcome =
  | { kind: 'sign-in'; bindSubject: boolean; activate: boolean; recordEntry: boolean }
  | { kind: 'create'; recordEntry: boolean }
  | { kind: 'refuse'; code: SsoRefusal };

/**
 * What an identity provider's answer leads to. The provider vouches only for its own
 * organization's domains, so an address outside them never signs anyone in; the directory entry
 * is what the organization last said about the person, so an inactive one refuses (R-ID-6).
 * With `directoryRequired` the directory (SCIM) is the list of who may have an account at all.
 */
export function decideSsoSignIn(f: SsoFacts): SsoOutcome {
  const { identity, organization: org, user, entry } = f;
  const refuse = (code: SsoRefusal): SsoOutcome => ({ kind: 'refuse', code });
  if (!identity.email || identity.emailVerified === false) return refuse('SSO_EMAIL_NOT_IN_ORGANIZATION');
  const domain = emailDomain(identity.email);
  if (!org.domains.includes(domain)) return refuse('SSO_EMAIL_NOT_IN_ORGANIZATION');
  if (entry && !entry.active) return refuse('E04');
  if (user) {
    if (user.organizationId !== org.id) return refuse('SSO_EMAIL_NOT_IN_ORGANIZATION');
    if (user.status === 'removed') return refuse('E04');
    if (user.status === 'deactivated') return refuse('USER_DEACTIVATED');
    if (user.ssoSubject && user.ssoSubject !== identity.subject) return refuse('SSO_SUBJECT_MISMATCH');
    return { kind: 'sign-in', bindSubject: !user.ssoSubject, activate: user.status === 'invited', recordEntry: !entry };
  }
  // The order of password self sign-up (registration/rules.ts), so both paths answer alike.
  if (!org.selfSignUp) return refuse('E03');
  if (org.restrictedDomains.includes(domain)) return refuse('E02');
  if (org.directoryRequired && !entry) return refuse('E04');
  return { kind: 'create', recordEntry: !entry };
}
