import { emailDomain } from '../identity/rules.js';
import { mayManageBenefit, type SaHolding } from './rules.js';
import { readableCode } from './voucher-rules.js';

/** A host name of two or more labels, each 1–63 letters, digits or inner hyphens, ending in a letter TLD. */
const DOMAIN_RE = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const normalizeDomain = (d: string) => d.trim().toLowerCase().replace(/^@/, '');

/**
 * R-SA-4: why a domain cannot be made eligible, or null. A personal-mail domain (R-ID-1's list)
 * would let anyone in the world take a participant.
 */
export function domainRefusal(
  domain: string,
  personalDomains: readonly string[],
): 'ELEARNING_DOMAIN_INVALID' | 'ELEARNING_DOMAIN_PERSONAL' | null {
  if (!DOMAIN_RE.test(domain)) return 'ELEARNING_DOMAIN_INVALID';
  return personalDomains.includes(domain) ? 'ELEARNING_DOMAIN_PERSONAL' : null;
}

/** R-SA-4: only addresses on one of the eligible domains qualify (exactly: a subdomain is another organization's to vouch for). */
export const addressEligible = (email: string, domains: readonly string[]) => domains.includes(emailDomain(email));

/** The access code employees type when they register for courses. */
export const newAccessCode = () => readableCode('EL');

/** What an employee types, forgiving case and spaces. */
export const normalizeAccessCode = (c: string) => c.trim().toUpperCase().replace(/\s+/g, '');

/**
 * R-SA-4, R-PERM-8: who reads the participants' addresses. Whoever manages the benefit, and a role
 * that reads Software Assurance without managing it (the Licensing Info Viewer, as on the SA
 * Summary); an SA Manager whose duties leave e-Learning out does not, as for the access code.
 */
export const mayListParticipants = (h: SaHolding, readsSaOtherwise: boolean) => readsSaOtherwise || mayManageBenefit(h, 'E_LEARNING');
