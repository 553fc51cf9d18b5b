import { ROLES, type Role } from './roles.js';

/**
 * The action catalogue. Actions on a Licensing ID are granted by roles (the table below); the
 * others are decided by who the actor is, not what it holds on a Licensing ID.
 */
export const LICENSING_ACTIONS = [
  'licensing.view', // see the Licensing ID in the Relationship Summary (R-REL-3)
  'reports.view', // Licensing ID / parent / MBSA reports, License Summary (R-PERM-2)
  'sa.view', // Software Assurance summary
  'sa.manage', // activate and manage SA benefits
  'downloads.get', // R-DL-1
  'keys.view', // R-KEY-9
  'keys.request', // R-PERM-13
  'users.manage', // Manage Users, accept requests (R-PERM-7)
  'services.activate', // online service activation, subscription contact
  'subscriptions.assign',
  'reservations.create', // R-PERM-9 (OSM only with Manage Reservation, checked by the module)
] as const;
export type LicensingAction = (typeof LICENSING_ACTIONS)[number];

/**
 * Actions decided by who the actor is rather than a role on one Licensing ID: `public` anyone,
 * `self` any signed-in user, `operator` the publisher's staff, `organization.manage` an
 * Administrator of at least one of the organization's Licensing IDs (organization settings),
 * `directory.sync` the organization's directory through a SCIM token.
 */
export const ACTOR_ACTIONS = ['public', 'self', 'operator', 'organization.manage', 'directory.sync'] as const;
export type ActorAction = (typeof ACTOR_ACTIONS)[number];

export type Action = LicensingAction | ActorAction;

const all = LICENSING_ACTIONS;

/** R-PERM-2: the one table mapping roles to actions. */
export const POLICY = {
  ADMINISTRATOR: all,
  LICENSING_INFO_VIEWER: ['licensing.view', 'reports.view', 'sa.view'],
  DOWNLOAD: ['licensing.view', 'downloads.get'],
  PRODUCT_KEYS: ['licensing.view', 'keys.view', 'keys.request'],
  SA_MANAGER: ['licensing.view', 'sa.view', 'sa.manage', 'downloads.get'],
  ONLINE_SERVICES_MANAGER: ['licensing.view', 'services.activate', 'reservations.create'],
  SUBSCRIPTIONS_MANAGER: ['licensing.view', 'subscriptions.assign'],
} as const satisfies Record<Role, readonly LicensingAction[]>;

export function roleAllows(role: Role, action: LicensingAction): boolean {
  return (POLICY[role] as readonly LicensingAction[]).includes(action);
}

/** The roles whose policy row contains the action. */
export function rolesGranting(action: LicensingAction): Role[] {
  return ROLES.filter((r) => roleAllows(r, action));
}

export function rolesAllow(roles: Iterable<Role>, action: LicensingAction): boolean {
  for (const r of roles) if (roleAllows(r, action)) return true;
  return false;
}

export function isLicensingAction(a: Action): a is LicensingAction {
  return (LICENSING_ACTIONS as readonly string[]).includes(a);
}
