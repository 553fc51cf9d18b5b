import { createHash, randomBytes, randomInt } from 'node:crypto';

/** The day (UTC) of an instant, as the dates orders and enrollments carry. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

const midnight = (day: string) => new Date(`${day}T00:00:00Z`);

/** A date some whole months later; the 31st of a shorter month falls on its last day. */
export function addMonths(day: string, months: number): string {
  const d = midnight(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return dayOf(target);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(midnight(day).getTime() + days * 86_400_000));
}

/** R-OS-3: the activation link works until six months after the original purchase date (that day excluded). */
export const LINK_MONTHS = 6;
export function linkExpiresOn(purchaseDate: string): string {
  return addMonths(purchaseDate, LINK_MONTHS);
}
export function linkExpired(purchaseDate: string, now: Date): boolean {
  return now.getTime() >= midnight(linkExpiresOn(purchaseDate)).getTime();
}

/**
 * R-OS-4: an order placed before its usage period is not announced until 48 hours before the
 * usage date; the scheduled job sends it from that moment on.
 */
export const MAIL_LEAD_HOURS = 48;
export function mailSendableFrom(usageDate: string): Date {
  return new Date(midnight(usageDate).getTime() - MAIL_LEAD_HOURS * 3_600_000);
}
export function mailDue(usageDate: string, now: Date): boolean {
  return now.getTime() >= mailSendableFrom(usageDate).getTime();
}

/**
 * R-OS-6: subscriptions of the enrollment a renewal replaced stay In Grace this long after it
 * ends (or after the renewal, if that is later), so users keep the service while they move over.
 */
export const GRACE_DAYS = 90;
export function graceEndsOn(previousEnd: string | null, renewedOn: string): string {
  const from = previousEnd && previousEnd > renewedOn ? previousEnd : renewedOn;
  return addDays(from, GRACE_DAYS);
}

export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'IN_GRACE', 'DEPROVISIONED'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** R-OS-6: an In Grace subscription is taken away once its grace period is over. */
export function graceOver(graceEnd: string, now: Date): boolean {
  return now.getTime() >= midnight(graceEnd).getTime();
}

export interface EnrollmentFacts {
  id: string;
  organizationId: string;
  name: string;
  startDate: string;
  endDate: string | null;
}

/**
 * R-OS-6: a renewal is a later enrollment of the same organization under the same organization
 * name (the name on the enrollment) that starts once the earlier one has ended. Enrollments that
 * run side by side under one name are not renewals: each gets its own activation mail (seed 003).
 */
export function isRenewalOf(next: EnrollmentFacts, previous: EnrollmentFacts): boolean {
  if (next.id === previous.id || next.organizationId !== previous.organizationId) return false;
  if (normalizeName(next.name) !== normalizeName(previous.name)) return false;
  return previous.endDate !== null && next.startDate >= previous.endDate;
}
const normalizeName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** What happens when an enrollment gets the first order line of an online service (R-OS-1, R-OS-4, R-OS-6). */
export type ActivationDecision =
  | { kind: 'ALREADY_LINKED'; accountId: string }
  | { kind: 'RENEWAL'; accountId: string; previousLicensingId: string }
  | { kind: 'AUTO_DOMAIN'; accountId: string }
  | { kind: 'AUTO_ADMIN'; accountId: string }
  | { kind: 'SCHEDULED'; sendFrom: Date }
  | { kind: 'MAIL_OSM' }
  | { kind: 'MAIL_ADMINISTRATORS' };

export interface ActivationFacts {
  /** The account the enrollment is linked to, if any. */
  linkedAccountId: string | null;
  /** A linked enrollment this one renews, with its account. */
  renews: { licensingId: string; accountId: string } | null;
  /** The Online Services Manager (subscription contact) of record, if any. */
  osmEmail: string | null;
  /** An account that has the OSM's mail domain verified. */
  domainAccountId: string | null;
  /** An account where the OSM is a global or billing administrator. */
  adminAccountId: string | null;
  usageDate: string;
}

/**
 * R-OS-1, R-OS-4, R-OS-6: in this order: a linked enrollment takes the service silently; a
 * renewal joins the account it renews; an OSM whose domain is verified on an account, or who
 * administers one, has it provisioned there; a future usage date waits for its 48 hours; else the
 * OSM is mailed the link, or, with no OSM listed, the Administrators are told to name one.
 */
export function decideActivation(f: ActivationFacts, now: Date): ActivationDecision {
  if (f.linkedAccountId) return { kind: 'ALREADY_LINKED', accountId: f.linkedAccountId };
  if (f.renews) return { kind: 'RENEWAL', accountId: f.renews.accountId, previousLicensingId: f.renews.licensingId };
  if (f.osmEmail && f.domainAccountId) return { kind: 'AUTO_DOMAIN', accountId: f.domainAccountId };
  if (f.osmEmail && f.adminAccountId) return { kind: 'AUTO_ADMIN', accountId: f.adminAccountId };
  if (!mailDue(f.usageDate, now)) return { kind: 'SCHEDULED', sendFrom: mailSendableFrom(f.usageDate) };
  return f.osmEmail ? { kind: 'MAIL_OSM' } : { kind: 'MAIL_ADMINISTRATORS' };
}

/** R-OS-6: the add-ons of this enrollment whose base service it does not have. */
export function addOnsWithoutBase(products: ReadonlySet<string>, baseOf: ReadonlyMap<string, string>): string[] {
  return [...products].filter((p) => {
    const base = baseOf.get(p);
    return base !== undefined && !products.has(base);
  });
}

/** A secret for a link: only its hash is stored, so a copy of the database opens nothing. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const KEY_ALPHABET = '23456789BCDFGHJKMPQRTVWXY';
/** R-OS-7: an Online Service Activation key, five groups of five like a product key; single-use. */
export function newOsaKey(): string {
  const group = () => Array.from({ length: 5 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('');
  return Array.from({ length: 5 }, group).join('-');
}
/** Keys are typed by hand: case and spacing do not matter. */
export function normalizeOsaKey(key: string): string {
  return key.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * A domain name as DNS has it: dot-separated labels of letters, digits and inner hyphens, each 1–63
 * characters, 253 in all, at least two labels, the last not all digits (so no bare IP address).
 * Anything else (a control character, a space, an address with @) is not a domain.
 */
export function isDomainName(domain: string): boolean {
  if (domain.length < 3 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * R-OS-4, seed 000: why a customer may not verify a domain on its online services account. A
 * personal-mail domain (outlook.com…) belongs to no organization (activation mails are not even
 * sent there); otherwise the organization shows it owns the domain by a work account of its own on
 * it (its users signed in with addresses there).
 */
export function customerDomainRefusal(
  domain: string,
  f: { personalDomains: readonly string[]; organizationDomains: readonly string[] },
): 'SERVICE_ACCOUNT_DOMAIN_PERSONAL' | 'SERVICE_ACCOUNT_DOMAIN_NOT_OWNED' | null {
  if (f.personalDomains.includes(domain)) return 'SERVICE_ACCOUNT_DOMAIN_PERSONAL';
  if (!f.organizationDomains.includes(domain)) return 'SERVICE_ACCOUNT_DOMAIN_NOT_OWNED';
  return null;
}
