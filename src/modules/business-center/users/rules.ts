import { ACCOUNT_ROLES, type AccountRole } from '../../../platform/authz/account-actions.js';

/**
 * R-PERM-14: who may give or take which business-center role, and the account's last Account
 * administrator. Pure: the service reads the holdings and applies the answer.
 */

/**
 * The administrative roles: each hands out power over the account's users or agreements, so only
 * someone holding it (or an Account administrator) gives it or takes it away. The other roles
 * (viewer, report viewer, account manager) any holder of `account.users` gives.
 */
export const ADMINISTRATIVE_ROLES: readonly AccountRole[] = ['USER_ADMINISTRATOR', 'AGREEMENT_ADMINISTRATOR', 'ACCOUNT_ADMINISTRATOR'];

/**
 * The grant ceiling, "cannot grant more than they hold": an Account administrator grants every
 * role; a User or Agreement administrator grants the non-administrative roles and the administrative
 * roles they hold themselves, so a User administrator never makes an Account administrator.
 */
export function grantableRoles(held: readonly AccountRole[]): AccountRole[] {
  if (held.includes('ACCOUNT_ADMINISTRATOR')) return [...ACCOUNT_ROLES];
  if (!held.includes('USER_ADMINISTRATOR') && !held.includes('AGREEMENT_ADMINISTRATOR')) return [];
  return ACCOUNT_ROLES.filter((r) => !ADMINISTRATIVE_ROLES.includes(r) || held.includes(r));
}

export const sortAccountRoles = (roles: Iterable<AccountRole>): AccountRole[] =>
  [...new Set(roles)].sort((a, b) => ACCOUNT_ROLES.indexOf(a) - ACCOUNT_ROLES.indexOf(b));

export interface RoleChange {
  /** The actor's roles on the account. */
  actorRoles: readonly AccountRole[];
  /** The user's roles before and after the change ([] after: every role revoked). */
  before: readonly AccountRole[];
  after: readonly AccountRole[];
  /** Account administrators of the account other than the user whose roles change (active users). */
  otherAdministrators: number;
}

export type RoleChangeRefusal =
  | { code: 'ACCOUNT_ROLE_NOT_GRANTABLE'; roles: AccountRole[] }
  | { code: 'ACCOUNT_LAST_ADMINISTRATOR'; roles: AccountRole[] };

/**
 * Why the change may not be made, or null: a role given or taken away beyond the actor's ceiling
 * (ACCOUNT_ROLE_NOT_GRANTABLE: a User administrator neither makes nor unmakes an Account
 * administrator), or the account left without an Account administrator (ACCOUNT_LAST_ADMINISTRATOR).
 */
export function roleChangeRefusal(c: RoleChange): RoleChangeRefusal | null {
  const ceiling = grantableRoles(c.actorRoles);
  const touched = [...c.after.filter((r) => !c.before.includes(r)), ...c.before.filter((r) => !c.after.includes(r))];
  const beyond = sortAccountRoles(touched.filter((r) => !ceiling.includes(r)));
  if (beyond.length > 0) return { code: 'ACCOUNT_ROLE_NOT_GRANTABLE', roles: beyond };
  const demoted = c.before.includes('ACCOUNT_ADMINISTRATOR') && !c.after.includes('ACCOUNT_ADMINISTRATOR');
  if (demoted && c.otherAdministrators === 0) return { code: 'ACCOUNT_LAST_ADMINISTRATOR', roles: ['ACCOUNT_ADMINISTRATOR'] };
  return null;
}
