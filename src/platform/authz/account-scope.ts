import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { type AccountAction, type AccountRole, accountRolesGranting } from './account-actions.js';
import type { Holder, LicensingIdRef } from './scope.js';

/**
 * The actor's purchasing accounts, written once (R-PERM-14, R-BC-1): the fragments embed in a
 * caller's query so the tenant filter sits in its WHERE clause, as scope.ts does for Licensing IDs.
 */

const roleList = (roles: readonly AccountRole[]) =>
  sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  );

/** SQL subquery: the purchasing accounts on which the user holds a role allowing `action`. */
export function visibleAccountsSql(holder: Holder, action: AccountAction): SQL<string> {
  return sql<string>`select r.purchasing_account_id from purchasing_account_role r
    where r.user_id = ${holder.userId} and r.role in (${roleList(accountRolesGranting(action))})
      and exists (select 1 from "user" u where u.id = r.user_id and u.status = 'active')`;
}

/** SQL condition: the purchasing account `accountId` (a column of the caller's query) is in the user's scope for `action`. */
export function accountVisibleTo(holder: Holder, action: AccountAction, accountId: LicensingIdRef): SQL<boolean> {
  return sql<boolean>`${accountId} in (${visibleAccountsSql(holder, action)})`;
}

/** SQL expression: the account roles the user holds on `accountId`, `text[]`, `'{}'` when none. */
export function accountRolesHeldSql(holder: Holder, accountId: LicensingIdRef): SQL<AccountRole[]> {
  return sql<AccountRole[]>`coalesce((select array_agg(r.role order by r.role)::text[] from purchasing_account_role r
    where r.purchasing_account_id = ${accountId} and r.user_id = ${holder.userId}), '{}'::text[])`;
}

/** The purchasing accounts, fetched: for a scope a caller needs as a list. */
export async function visibleAccounts(db: DbOrTx, holder: Holder, action: AccountAction): Promise<string[]> {
  const res = await db.execute<{ id: string }>(
    sql`select distinct purchasing_account_id as id from (${visibleAccountsSql(holder, action)}) v`,
  );
  return res.rows.map((r) => r.id);
}

/** SQL subquery: the users holding a role allowing `action` on `accountId` (who hear of its changes). */
export function accountHoldersSql(accountId: LicensingIdRef, action: AccountAction): SQL<string> {
  return sql<string>`select r.user_id from purchasing_account_role r
    where r.purchasing_account_id = ${accountId} and r.role in (${roleList(accountRolesGranting(action))})`;
}
