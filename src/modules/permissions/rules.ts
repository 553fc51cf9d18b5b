import { ROLES, type Role } from '../../platform/authz/roles.js';
import { isOpenProgram } from '../relationship/rules.js';
import { GROUP_ROLES, isGroupRole, narrowing, type SubRole, type SubRoleSelection } from './role-groups.js';

export type GrantSource = 'CONTACT' | 'ADMIN' | 'INHERITED' | 'ADD_OPEN' | 'RESELLER' | 'REQUEST';

/** An active grant as the rules see it. A user's roles on a Licensing ID are the union of these. */
export interface ActiveGrant {
  role: Role;
  source: GrantSource;
  subRoles: readonly string[] | null;
  manageReservation: boolean;
}

/** What a user holds on one Licensing ID: roles, narrowed role groups (R-PERM-8), Manage Reservation (R-PERM-9). */
export interface Holding {
  roles: Role[];
  subRoles: SubRoleSelection;
  manageReservation: boolean;
}

export const NO_HOLDING: Holding = { roles: [], subRoles: {}, manageReservation: false };

/** Roles in the catalogue's order, without repeats: what mails, audit rows and responses show. */
export function sortRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}

/** A selection keeping only held groups, each in its stored form (a group narrowed to everything is "All"). */
export function normalizeSelection(
  roles: readonly Role[],
  chosen: Partial<Record<string, readonly string[]>> | undefined,
): SubRoleSelection {
  const out: SubRoleSelection = {};
  for (const group of GROUP_ROLES) {
    const n = roles.includes(group) ? narrowing(group, chosen?.[group]) : null;
    if (n) out[group] = n;
  }
  return out;
}

/**
 * The union of the active grants. A group held "All" by any grant is "All"; otherwise its duties
 * are those any grant gives. Manage Reservation belongs to an Online Services Manager grant.
 */
export function holdingOf(grants: readonly ActiveGrant[]): Holding {
  const roles = sortRoles(grants.map((g) => g.role));
  const chosen: Partial<Record<string, string[]>> = {};
  for (const group of GROUP_ROLES) {
    const of = grants.filter((g) => g.role === group);
    if (of.length === 0 || of.some((g) => g.subRoles === null)) continue;
    chosen[group] = of.flatMap((g) => g.subRoles ?? []);
  }
  return {
    roles,
    subRoles: normalizeSelection(roles, chosen),
    manageReservation: grants.some((g) => g.role === 'ONLINE_SERVICES_MANAGER' && g.manageReservation),
  };
}

export function sameHolding(a: Holding, b: Holding): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const canonical = (h: Holding) => ({
  roles: sortRoles(h.roles),
  subRoles: GROUP_ROLES.map((g) => h.subRoles[g] ?? null),
  manageReservation: h.manageReservation,
});

/**
 * Why a Licensing ID cannot leave a user's set (R-PERM-4): they are its Notices Correspondent or
 * Primary Contact, or hold it by inheritance as a contact of its parent agreement or MBSA (R-PERM-5).
 */
export type RemovalBlock = 'NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT' | 'INHERITED';
export type Refusal = RemovalBlock | 'LICENSING_ID_EXPIRED' | 'LAST_ADMINISTRATOR';
export type ContactType = 'NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT';

export interface ContactFacts {
  /** Contact roles the user has on the Licensing ID itself. */
  onLicensingId: readonly ContactType[];
  /** The user is Notices Correspondent or Primary Contact of its parent agreement or MBSA. */
  onParentOrMbsa: boolean;
}

export function removalBlock(f: ContactFacts): RemovalBlock | null {
  if (f.onLicensingId.includes('NOTICES_CORRESPONDENT')) return 'NOTICES_CORRESPONDENT';
  if (f.onLicensingId.includes('PRIMARY_CONTACT')) return 'PRIMARY_CONTACT';
  return f.onParentOrMbsa ? 'INHERITED' : null;
}

/** Roles that come with being a contact (R-PERM-3) or with inheritance (R-PERM-5), not from an assignment. */
export const protectedRoles = (grants: readonly ActiveGrant[]): Role[] =>
  sortRoles(grants.filter((g) => g.source === 'CONTACT' || g.source === 'INHERITED').map((g) => g.role));

export interface RemovalFacts {
  /** The roles the user would no longer hold. */
  removed: readonly Role[];
  /** The whole Licensing ID leaves the user's set. */
  whole: boolean;
  expired: boolean;
  block: RemovalBlock | null;
  /** Roles held through contact or inheritance grants. */
  protectedRoles: readonly Role[];
  /** The user is active and holds an active Administrator grant: one of the Administrators of record. */
  countsAsAdministrator: boolean;
  /** The other Administrators of record of the Licensing ID. */
  otherAdministrators: number;
}

/**
 * Whether taking roles away is refused, and why. A contact keeps the Licensing ID and the roles
 * their contact role or inheritance gives (R-PERM-3, R-PERM-4, R-PERM-5); other roles stay
 * editable. Administrators cannot remove users of expired Licensing IDs (R-PERM-7); users
 * themselves may still drop one (R-PERM-4 names only the contact cases). Nobody may leave a
 * Licensing ID without an Administrator (R-PERM-3).
 */
export function removalRefusal(f: RemovalFacts, by: 'self' | 'administrator'): Refusal | null {
  if (f.removed.length === 0) return null;
  if (by === 'administrator' && f.expired) return 'LICENSING_ID_EXPIRED';
  if (f.block && (f.whole || f.removed.some((r) => f.protectedRoles.includes(r)))) return f.block;
  if (f.removed.includes('ADMINISTRATOR') && f.countsAsAdministrator && f.otherAdministrators === 0) return 'LAST_ADMINISTRATOR';
  return null;
}

export interface RoleSetting {
  role: Role;
  subRoles: SubRole[] | null;
  manageReservation: boolean;
  /** No Administrator-assigned or requested grant of this role exists yet: write one. */
  insert: boolean;
}

/** The settings each role of a holding carries on its grant: the group's duties, the reservation flag. */
export function settingsOf(h: Holding): Omit<RoleSetting, 'insert'>[] {
  return sortRoles(h.roles).map((role) => ({
    role,
    subRoles: isGroupRole(role) ? (h.subRoles[role] ?? null) : null,
    manageReservation: role === 'ONLINE_SERVICES_MANAGER' && h.manageReservation,
  }));
}

export interface AssignmentPlan {
  removed: Role[];
  /** Grants to set inactive: every grant of a role that is no longer wanted, whatever its source. */
  deactivate: { role: Role; source: GrantSource }[];
  /** Roles whose Administrator-assigned or requested grants must carry new settings. */
  set: RoleSetting[];
}

/**
 * R-PERM-7, R-PERM-8, R-PERM-9: what an Administrator's "these are the user's roles on this
 * Licensing ID" means for the grants. Sub-roles and the reservation flag live on the grants an
 * Administrator or an accepted request gave; a role held only through a contact, inheritance or
 * Add Open needs no grant of its own unless it is narrowed or flagged.
 */
export function planAssignment(grants: readonly ActiveGrant[], wanted: Holding): AssignmentPlan {
  const keep = new Set(wanted.roles);
  const held = holdingOf(grants);
  const set: RoleSetting[] = [];
  for (const { role, subRoles, manageReservation } of settingsOf(wanted)) {
    const assigned = grants.filter((g) => g.role === role && (g.source === 'ADMIN' || g.source === 'REQUEST'));
    const plain = subRoles === null && !manageReservation;
    const matches = (g: ActiveGrant) =>
      JSON.stringify(g.subRoles === null ? null : [...g.subRoles]) === JSON.stringify(subRoles) &&
      g.manageReservation === manageReservation;
    if (assigned.length > 0) {
      if (!assigned.every(matches)) set.push({ role, subRoles, manageReservation, insert: false });
    } else if (!(plain && held.roles.includes(role))) {
      set.push({ role, subRoles, manageReservation, insert: true });
    }
  }
  return {
    removed: held.roles.filter((r) => !keep.has(r)),
    deactivate: grants.filter((g) => !keep.has(g.role)).map((g) => ({ role: g.role, source: g.source })),
    set,
  };
}

export const isEmptyPlan = (p: AssignmentPlan) => p.deactivate.length === 0 && p.set.length === 0;

/** R-PERM-6: a permission request waits for an Administrator's decision or its requester's withdrawal. */
export const REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DENIED', 'WITHDRAWN'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * R-PERM-6: a user whose Licensing IDs are all Open programs cannot ask for a non-Open one: the
 * Administrator of that agreement must invite them. A user without any Licensing ID may ask.
 */
export function mayRequest(heldPrograms: readonly string[], target: string): boolean {
  return !(heldPrograms.length > 0 && heldPrograms.every(isOpenProgram) && !isOpenProgram(target));
}

/** The facts that decide whether deactivating a person also closes their account. */
export interface DeactivationFacts {
  /** The person belongs to the deactivating organization (its user, or an address on its domains). */
  ownPerson: boolean;
  /** After the deactivation, the person still holds an active role on some Licensing ID. */
  holdsActiveRole: boolean;
  status: 'invited' | 'active' | 'deactivated' | 'removed';
}

/**
 * R-PERM-7, R-ID-6: a person of the organization's own who, once deactivated, holds no role
 * anywhere has no business in the service center: their account is closed (status
 * `deactivated`: sessions and API tokens end at once, sign-in is refused) until an Administrator
 * reactivates them. Someone else's person (a reseller, a user of another organization) only loses
 * this organization: their account is theirs. A removed account (the directory's decision,
 * R-ID-6) stays removed.
 */
export function deactivationClosesAccount(f: DeactivationFacts): boolean {
  return f.ownPerson && !f.holdsActiveRole && (f.status === 'active' || f.status === 'invited');
}
