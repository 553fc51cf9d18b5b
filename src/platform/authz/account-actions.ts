/**
 * R-PERM-14: the business center's roles, held per purchasing account, and the actions they allow.
 * They sit beside the Licensing-ID roles (roles.ts, actions.ts) and go through the same authorize().
 */
export const ACCOUNT_ROLES = [
  'ACCOUNT_VIEWER',
  'REPORT_VIEWER',
  'ACCOUNT_MANAGER',
  'USER_ADMINISTRATOR',
  'AGREEMENT_ADMINISTRATOR',
  'ACCOUNT_ADMINISTRATOR',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_ACTIONS = [
  'account.view', // agreements, orders, license details (inventory) and reports of the purchasing account
  'account.keys', // its product keys
  'account.manage', // edit active agreements (anniversary month, address, contact), self-provisioning, download
  'account.users', // add, revoke and change the account's users' roles
  'account.agreements', // agreement-specific information: review and sign sales packages
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/**
 * R-PERM-14, the FAQ's list: a viewer sees; a report viewer also sees keys; an account manager also
 * edits active agreements, provisions services and downloads; user and agreement administrators
 * manage users ("Account administrators, Agreement administrators and User administrators ... add,
 * revoke and change user permissions"), the agreement administrator also handles its agreements;
 * the account administrator does everything.
 */
export const ACCOUNT_POLICY = {
  ACCOUNT_VIEWER: ['account.view'],
  REPORT_VIEWER: ['account.view', 'account.keys'],
  ACCOUNT_MANAGER: ['account.view', 'account.keys', 'account.manage'],
  USER_ADMINISTRATOR: ['account.users'],
  AGREEMENT_ADMINISTRATOR: ['account.agreements', 'account.users'],
  ACCOUNT_ADMINISTRATOR: ACCOUNT_ACTIONS,
} as const satisfies Record<AccountRole, readonly AccountAction[]>;

export function accountRoleAllows(role: AccountRole, action: AccountAction): boolean {
  return (ACCOUNT_POLICY[role] as readonly AccountAction[]).includes(action);
}

export function accountRolesAllow(roles: Iterable<AccountRole>, action: AccountAction): boolean {
  for (const r of roles) if (accountRoleAllows(r, action)) return true;
  return false;
}

/** The account roles whose policy row contains the action. */
export function accountRolesGranting(action: AccountAction): AccountRole[] {
  return ACCOUNT_ROLES.filter((r) => accountRoleAllows(r, action));
}

export function isAccountAction(a: string): a is AccountAction {
  return (ACCOUNT_ACTIONS as readonly string[]).includes(a);
}

export function isAccountRole(r: string): r is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(r);
}
