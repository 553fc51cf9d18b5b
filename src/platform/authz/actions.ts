import type { AccountAction } from './account-actions.js';
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
  'subscriptions.assign', // R-PERM-2: Subscriptions Manager — subscription assignments
  'reservations.create', // R-PERM-9 (OSM only with Manage Reservation, checked by the module)
  'partner.change', // start or cancel a change of channel partner (Administrator, incl. Online Administrator)
  'customer.view', // a channel partner: the customer's agreements and contacts of record
  'contacts.change', // R-REL-6: only the channel partner of record (and the publisher, as operator)
] as const;
export type LicensingAction = (typeof LICENSING_ACTIONS)[number];

/**
 * Actions decided by who the actor is rather than a role on one Licensing ID: `public` anyone,
 * `self` any signed-in user, `operator` the publisher's staff, `partner` a user of a channel-partner organization, `organization.manage` an
 * Administrator of at least one of the organization's Licensing IDs (organization settings),
 * `directory.sync` the organization's directory through a SCIM token, `training.redeem` a training
 * provider through its own API credential (R-SA-5): look up and redeem training vouchers. Those two
 * credentials hold nothing else, and no user holds their actions.
 */
export const ACTOR_ACTIONS = ['public', 'self', 'operator', 'partner', 'organization.manage', 'directory.sync', 'training.redeem'] as const;
export type ActorAction = (typeof ACTOR_ACTIONS)[number];

/** Licensing-ID actions, actor actions, and the business center's purchasing-account actions (R-PERM-14). */
export type Action = LicensingAction | ActorAction | AccountAction;

/**
 * Who holds actions on a Licensing ID: the seven roles a user holds on it, the channel partner
 * of record, which its organization holds (every user of the partner organization acts as it), and
 * a partner the customer approved to manage its benefits (R-SA-7), likewise held by its organization.
 */
export type Holding = Role | 'CHANNEL_PARTNER' | 'BENEFIT_DELEGATE';

/** R-REL-6: what only the partner of record does on a customer's Licensing ID; the customer never. */
const PARTNER_ONLY = ['customer.view', 'contacts.change'] as const satisfies readonly LicensingAction[];
const customerActions = LICENSING_ACTIONS.filter((a) => !(PARTNER_ONLY as readonly string[]).includes(a));

/** R-PERM-2: the one table mapping roles (and the partner of record) to actions. */
export const POLICY = {
  ADMINISTRATOR: customerActions,
  LICENSING_INFO_VIEWER: ['licensing.view', 'reports.view', 'sa.view'],
  DOWNLOAD: ['licensing.view', 'downloads.get'],
  PRODUCT_KEYS: ['licensing.view', 'keys.view', 'keys.request'],
  SA_MANAGER: ['licensing.view', 'sa.view', 'sa.manage', 'downloads.get'],
  ONLINE_SERVICES_MANAGER: ['licensing.view', 'services.activate', 'reservations.create'],
  SUBSCRIPTIONS_MANAGER: ['licensing.view', 'subscriptions.assign'],
  CHANNEL_PARTNER: PARTNER_ONLY,
  /**
   * R-SA-7, the FAQ's list: manage domains, access codes, authorized users and training vouchers
   * (all SA benefit management, sa.view + sa.manage), "download software and view product keys"
   * (downloads.get, keys.view). Not keys.request (asking for more keys is the customer's), not
   * licensing.view or reports (the partner of record sees agreements through customer.view), not
   * users.manage: the "authorized users" are a benefit's, not the customer's portal users.
   */
  BENEFIT_DELEGATE: ['sa.view', 'sa.manage', 'downloads.get', 'keys.view'],
} as const satisfies Record<Holding, readonly LicensingAction[]>;

export function roleAllows(role: Holding, action: LicensingAction): boolean {
  return (POLICY[role] as readonly LicensingAction[]).includes(action);
}

/** Whether the channel partner of record may take the action on its customer's Licensing ID. */
export function partnerAllows(action: LicensingAction): boolean {
  return roleAllows('CHANNEL_PARTNER', action);
}

/** Whether a partner approved to manage the customer's benefits may take the action (R-SA-7). */
export function delegateAllows(action: LicensingAction): boolean {
  return roleAllows('BENEFIT_DELEGATE', action);
}

/** The roles whose policy row contains the action. */
export function rolesGranting(action: LicensingAction): Role[] {
  return ROLES.filter((r) => roleAllows(r, action));
}

export function rolesAllow(roles: Iterable<Holding>, action: LicensingAction): boolean {
  for (const r of roles) if (roleAllows(r, action)) return true;
  return false;
}

export function isLicensingAction(a: Action): a is LicensingAction {
  return (LICENSING_ACTIONS as readonly string[]).includes(a);
}
