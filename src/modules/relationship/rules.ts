import type { Role } from '../../platform/authz/roles.js';

/** The volume-licensing programs a Licensing ID or agreement belongs to. */
export const PROGRAM_CODES = [
  'ENTERPRISE',
  'ENTERPRISE_SUBSCRIPTION',
  'ENTERPRISE_GOV_PARTNERS',
  'SELECT',
  'SELECT_PLUS',
  'CAMPUS',
  'SCHOOL',
  'OPEN_LICENSE',
  'OPEN_VALUE',
  'OPEN_VALUE_SUBSCRIPTION',
] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

/** The Open programs (R-REL-2: they have no MBSA). */
export const OPEN_PROGRAMS = ['OPEN_LICENSE', 'OPEN_VALUE', 'OPEN_VALUE_SUBSCRIPTION'] as const satisfies readonly ProgramCode[];

/** Whether the program is an Open program: the one place that says so. */
export function isOpenProgram(code: string): boolean {
  return (OPEN_PROGRAMS as readonly string[]).includes(code);
}

/** R-REL-1: the level at which orders are placed. */
export const LICENSING_ID_KINDS = ['ENROLLMENT', 'AGREEMENT', 'LICENSE', 'PCN'] as const;
export type LicensingIdKind = (typeof LICENSING_ID_KINDS)[number];

export const AGREEMENT_KINDS = ['MBSA', 'PARENT'] as const;

/** The lifecycle of agreements and Licensing IDs. */
export const LIFECYCLE_STATUSES = ['ACTIVE', 'INACTIVE', 'EXPIRED'] as const;
export type Status = (typeof LIFECYCLE_STATUSES)[number];

/** Select Plus affiliates: the lead sees its participating affiliates (R-REL-5). */
export const AFFILIATE_ROLES = ['LEAD', 'PARTICIPATING'] as const;
export type AffiliateRole = (typeof AFFILIATE_ROLES)[number];

export const CONTACT_TYPES = [
  'PRIMARY_CONTACT',
  'NOTICES_CORRESPONDENT',
  'ONLINE_ADMINISTRATOR',
  'SA_MANAGER',
  'ONLINE_SERVICES_MANAGER',
  'SUBSCRIPTIONS_MANAGER',
  'CHANNEL_PARTNER',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/**
 * R-REL-6: the contacts of record the publisher names on an agreement, and the role each one gets
 * on the agreement's Licensing IDs (R-PERM-3). The one place that says so: the operator API, the
 * import file and the grants all read it. Channel Partner joins with the partner work (its
 * contact stands for an organization, not a user of the customer), so it is not listed yet.
 */
export const CONTACT_ROLE = {
  PRIMARY_CONTACT: 'ADMINISTRATOR',
  NOTICES_CORRESPONDENT: 'ADMINISTRATOR',
  ONLINE_ADMINISTRATOR: 'ADMINISTRATOR',
  SA_MANAGER: 'SA_MANAGER',
  ONLINE_SERVICES_MANAGER: 'ONLINE_SERVICES_MANAGER',
  SUBSCRIPTIONS_MANAGER: 'SUBSCRIPTIONS_MANAGER',
} as const satisfies Partial<Record<ContactType, Role>>;
export type ContactOfRecordType = keyof typeof CONTACT_ROLE;
export const CONTACTS_OF_RECORD = Object.keys(CONTACT_ROLE) as [ContactOfRecordType, ...ContactOfRecordType[]];

/** The role a contact of this type holds on the agreement's Licensing IDs, if any. */
export function roleOfContact(type: string): Role | null {
  return (CONTACT_ROLE as Record<string, Role>)[type] ?? null;
}

export interface AgreementRef {
  id: string;
  number: string;
  programCode: string | null;
  programName: string | null;
  status: Status;
  startDate: string;
  endDate: string | null;
}

export interface LicensingIdRow {
  id: string;
  number: string;
  authorizationNumber: string | null;
  name: string;
  kind: LicensingIdKind;
  programCode: string;
  programName: string;
  status: Status;
  startDate: string;
  endDate: string | null;
  roles: Role[];
  parent: AgreementRef | null;
  mbsa: AgreementRef | null;
}

export interface ParentGroup {
  agreement: AgreementRef | null;
  licensingIds: Omit<LicensingIdRow, 'parent' | 'mbsa'>[];
}
export interface MbsaGroup {
  mbsa: AgreementRef | null;
  parents: ParentGroup[];
}

const byNumber = (a: { number: string } | null, b: { number: string } | null) =>
  a === null ? 1 : b === null ? -1 : a.number.localeCompare(b.number);

/**
 * R-REL-2: MBSA → parent program agreement → Licensing ID. Open programs have neither, so they
 * fall into the group without MBSA and without parent, listed last.
 */
export function groupRelationship(rows: LicensingIdRow[]): MbsaGroup[] {
  const mbsas = new Map<string, MbsaGroup>();
  for (const { parent, mbsa, ...lid } of rows) {
    const mKey = mbsa?.id ?? '';
    let m = mbsas.get(mKey);
    if (!m) {
      m = { mbsa, parents: [] };
      mbsas.set(mKey, m);
    }
    let p = m.parents.find((g) => (g.agreement?.id ?? '') === (parent?.id ?? ''));
    if (!p) {
      p = { agreement: parent, licensingIds: [] };
      m.parents.push(p);
    }
    p.licensingIds.push(lid);
  }
  const groups = [...mbsas.values()].sort((a, b) => byNumber(a.mbsa, b.mbsa));
  for (const g of groups) {
    g.parents.sort((a, b) => byNumber(a.agreement, b.agreement));
    for (const p of g.parents) p.licensingIds.sort((a, b) => a.number.localeCompare(b.number));
  }
  return groups;
}
