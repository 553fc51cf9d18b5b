import type { Role } from '../../platform/authz/roles.js';

/**
 * R-PERM-8: the three roles that are groups of narrower duties. Selecting a group selects all of
 * them ("All", stored as null); an Administrator may narrow it. Reservations are not an Online
 * Services Manager duty here: that is the separate "Manage Reservation" flag per enrollment (R-PERM-9).
 */
export const ROLE_GROUPS = {
  SA_MANAGER: [
    'PLANNING_SERVICES',
    'TRAINING_VOUCHERS',
    'E_LEARNING',
    'EMPLOYEE_PURCHASE_PROGRAM',
    'HOME_USE_PROGRAM',
    'PROBLEM_RESOLUTION_SUPPORT_24X7',
  ],
  ONLINE_SERVICES_MANAGER: ['SERVICE_ACTIVATION', 'SUBSCRIPTION_CONTACT'],
  SUBSCRIPTIONS_MANAGER: ['VISUAL_STUDIO_SUBSCRIPTIONS'],
} as const satisfies Partial<Record<Role, readonly string[]>>;

export type GroupRole = keyof typeof ROLE_GROUPS;
export type SubRole = (typeof ROLE_GROUPS)[GroupRole][number];
export const GROUP_ROLES = Object.keys(ROLE_GROUPS) as GroupRole[];

/** Narrowed groups only: a group role that is held and absent here has "All". */
export type SubRoleSelection = Partial<Record<GroupRole, SubRole[]>>;

export const isGroupRole = (role: Role): role is GroupRole => role in ROLE_GROUPS;

/**
 * The stored form of a selection within a group: the chosen duties in catalogue order, or null
 * for "All" (nothing chosen, or everything chosen, which is the same thing).
 */
export function narrowing(group: GroupRole, chosen: readonly string[] | null | undefined): SubRole[] | null {
  if (!chosen) return null;
  const all: readonly SubRole[] = ROLE_GROUPS[group];
  const picked = all.filter((s) => chosen.includes(s));
  return picked.length === 0 || picked.length === all.length ? null : picked;
}

/** The catalogue as the API returns it: codes only, the portal translates them. */
export function roleGroupCatalogue(): { role: GroupRole; subRoles: SubRole[] }[] {
  return GROUP_ROLES.map((role) => ({ role, subRoles: [...ROLE_GROUPS[role]] }));
}
