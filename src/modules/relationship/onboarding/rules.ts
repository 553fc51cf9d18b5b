import { createHash } from 'node:crypto';
import { isPersonalAddress } from '../../identity/rules.js';
import { isOpenProgram, type LicensingIdKind, PROGRAM_CODES, type ProgramCode, type Status } from '../rules.js';

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC calendar day of an instant. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

export const isProgramCode = (code: string): code is ProgramCode => (PROGRAM_CODES as readonly string[]).includes(code);

/** R-REL-1: the level at which orders are placed, by program. */
export function licensingIdKindOf(program: ProgramCode): LicensingIdKind {
  switch (program) {
    case 'SELECT_PLUS':
      return 'PCN';
    case 'OPEN_LICENSE':
      return 'LICENSE';
    case 'OPEN_VALUE':
    case 'OPEN_VALUE_SUBSCRIPTION':
      return 'AGREEMENT';
    default:
      return 'ENROLLMENT';
  }
}

/**
 * Expiry: a Licensing ID whose term ended before `today` is expired (it turns inactive for
 * everything that needs an active one); one without an end date, or ending today or later, is
 * active. The clock's day is passed in.
 */
export function lifecycleOn(endDate: string | null, today: string): Extract<Status, 'ACTIVE' | 'EXPIRED'> {
  return endDate !== null && endDate < today ? 'EXPIRED' : 'ACTIVE';
}

/** What can be wrong with an onboarded agreement; each has a message in every language (problems.ts). */
export const ONBOARDING_ERROR_CODES = [
  'UNKNOWN_PROGRAM',
  'MBSA_NOT_ALLOWED',
  'PARENT_OF_OTHER_ORGANIZATION',
  'ORGANIZATION_CONFLICT',
  'LICENSING_ID_TAKEN',
  'DUPLICATE_LICENSING_ID',
  'DUPLICATE_CONTACT',
  'PERSONAL_ACCOUNT',
  'UNKNOWN_PARTNER',
  'END_BEFORE_START',
  'INVALID_VALUE',
  'MISSING_VALUE',
  'AGREEMENT_HEADER_MISMATCH',
] as const;
export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

/** One error: the field as the API names it ("contacts.1.email"), and the file's row when it came from one. */
export interface OnboardingError {
  line: number | null;
  field: string;
  code: OnboardingErrorCode;
}

/** Where an item of an agreement came from in an import file (absent for the API). */
export interface Lines {
  header?: number;
  licensingIds?: (number | null)[];
  contacts?: (number | null)[];
}

export interface AgreementInput {
  organization: { name: string; domains: string[]; country: string };
  number: string;
  program: string;
  priceLevel: string | null;
  startDate: string;
  endDate: string | null;
  mbsaNumber: string | null;
  /** R-REL-6: the partner number of the agreement's channel partner of record, when the publisher names one. */
  channelPartnerNumber?: string | null;
  licensingIds: {
    number: string;
    name: string;
    startDate?: string;
    endDate?: string | null;
    priceLevel?: string | null;
    authorizationNumber: string | null;
    affiliateRole: 'LEAD' | 'PARTICIPATING' | null;
  }[];
  contacts: { type: string; name: string; email: string; locale: 'en' | 'sv' }[];
}

/** A Licensing ID with the agreement's term and price level filled in where it gives none. */
export function licensingIdTerms(input: AgreementInput) {
  return input.licensingIds.map((l) => ({
    ...l,
    startDate: l.startDate ?? input.startDate,
    endDate: l.endDate === undefined ? input.endDate : l.endDate,
    priceLevel: l.priceLevel === undefined ? input.priceLevel : l.priceLevel,
  }));
}

/**
 * The agreement's content as compared for idempotency: what the publisher said, in one order
 * (domains sorted, defaults filled in), so that the same agreement sent twice, by the API or a
 * file, hashes alike.
 */
export function canonicalContent(input: AgreementInput) {
  return {
    organization: { name: input.organization.name, country: input.organization.country, domains: [...input.organization.domains].sort() },
    number: input.number,
    program: input.program,
    priceLevel: input.priceLevel,
    startDate: input.startDate,
    endDate: input.endDate,
    mbsaNumber: input.mbsaNumber,
    licensingIds: licensingIdTerms(input).map((l) => ({
      number: l.number,
      name: l.name,
      startDate: l.startDate,
      endDate: l.endDate,
      priceLevel: l.priceLevel,
      authorizationNumber: l.authorizationNumber,
      affiliateRole: l.affiliateRole,
    })),
    contacts: input.contacts.map((c) => ({ type: c.type, name: c.name, email: c.email.toLowerCase(), locale: c.locale })),
    // Only when named: agreements onboarded before partners were named keep their content hash.
    ...(input.channelPartnerNumber ? { channelPartnerNumber: input.channelPartnerNumber } : {}),
  };
}
export type AgreementContent = ReturnType<typeof canonicalContent>;

export function contentHash(content: AgreementContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** What the database says about the names an agreement uses, for onboardingErrors. */
export interface OnboardingFacts {
  /** Organizations owning one of the given domains. */
  domainOwners: { id: string; name: string }[];
  /** The organization owning the MBSA of this number, if it exists. */
  mbsaOwner: string | null;
  /** The organization owning a parent agreement of this number, if it exists. */
  parentOwner: string | null;
  /** Numbers of this program's Licensing IDs that exist already. */
  takenLicensingIds: ReadonlySet<string>;
  personalDomains: readonly string[];
  /** The partner organization of the agreement's channel partner number, null when no partner has it (absent: none named). */
  partnerOrganizationId?: string | null;
}

/** The organization the agreement goes to: the one owning its domains (by the same name), or a new one (null). */
export function organizationOf(input: AgreementInput, owners: OnboardingFacts['domainOwners']): { id: string | null; conflict: boolean } {
  if (owners.length === 0) return { id: null, conflict: false };
  const [owner] = owners;
  const same = owners.length === 1 && owner !== undefined && owner.name.toLowerCase() === input.organization.name.toLowerCase();
  return same && owner ? { id: owner.id, conflict: false } : { id: null, conflict: true };
}

/**
 * Every reason the agreement cannot be onboarded, all found at once so an import file's author
 * fixes them in one go: an unknown program, an MBSA on an Open program (R-REL-2), an MBSA or
 * parent agreement of another organization, domains another organization owns, a Licensing ID
 * that exists already or twice, a contact type named twice, a contact with a personal-mail
 * address (R-ID-1), a term ending before it starts.
 */
export function onboardingErrors(input: AgreementInput, facts: OnboardingFacts, lines: Lines = {}): OnboardingError[] {
  const errors: OnboardingError[] = [];
  const head = lines.header ?? null;
  const at = (field: string, code: OnboardingErrorCode, line: number | null = head) => errors.push({ line, field, code });
  const org = organizationOf(input, facts.domainOwners);
  if (org.conflict) at('organization.domains', 'ORGANIZATION_CONFLICT');
  if (!isProgramCode(input.program)) at('program', 'UNKNOWN_PROGRAM');
  else if (input.mbsaNumber !== null && isOpenProgram(input.program)) at('mbsaNumber', 'MBSA_NOT_ALLOWED');
  // A new organization owns nothing yet, so any existing MBSA or parent agreement is another's.
  if (facts.mbsaOwner !== null && facts.mbsaOwner !== org.id) at('mbsaNumber', 'PARENT_OF_OTHER_ORGANIZATION');
  if (facts.parentOwner !== null && facts.parentOwner !== org.id) at('number', 'PARENT_OF_OTHER_ORGANIZATION');
  if (input.endDate !== null && input.endDate < input.startDate) at('endDate', 'END_BEFORE_START');
  if (input.channelPartnerNumber && facts.partnerOrganizationId === null) at('channelPartnerNumber', 'UNKNOWN_PARTNER');
  const seen = new Set<string>();
  licensingIdTerms(input).forEach((l, i) => {
    const line = lines.licensingIds?.[i] ?? head;
    if (seen.has(l.number)) at(`licensingIds.${i}.number`, 'DUPLICATE_LICENSING_ID', line);
    else if (facts.takenLicensingIds.has(l.number)) at(`licensingIds.${i}.number`, 'LICENSING_ID_TAKEN', line);
    seen.add(l.number);
    if (l.endDate !== null && l.endDate < l.startDate) at(`licensingIds.${i}.endDate`, 'END_BEFORE_START', line);
  });
  const types = new Set<string>();
  input.contacts.forEach((c, i) => {
    const line = lines.contacts?.[i] ?? head;
    if (types.has(c.type)) at(`contacts.${i}.type`, 'DUPLICATE_CONTACT', line);
    types.add(c.type);
    if (isPersonalAddress(c.email, facts.personalDomains)) at(`contacts.${i}.email`, 'PERSONAL_ACCOUNT', line);
  });
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Renewal of an enrollment under the same MBSA: a later end date. Null when it may be renewed,
 * else why not.
 */
export function renewalRefusal(
  lid: { kind: LicensingIdKind; endDate: string | null },
  newEnd: string,
): 'NOT_AN_ENROLLMENT' | 'RENEWAL_NOT_LATER' | null {
  if (lid.kind !== 'ENROLLMENT') return 'NOT_AN_ENROLLMENT';
  if (lid.endDate !== null && newEnd <= lid.endDate) return 'RENEWAL_NOT_LATER';
  return null;
}
