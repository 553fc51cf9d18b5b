import { sql } from 'drizzle-orm';
import type { AccountRole } from '../../../platform/authz/account-actions.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../../platform/http/cursor.js';
import { sortAccountRoles } from './rules.js';
import { type AccountUser, AccountUserListPosition, type AccountUserListQuery } from './schemas.js';

/** The purchasing account's users (R-PERM-14): everyone holding a role on it. */

type Row = {
  id: string;
  email: string;
  email_key: string;
  first_name: string;
  last_name: string;
  status: AccountUser['status'];
  roles: AccountRole[];
};

const LIKE_SPECIAL = /[\\%_]/g;

const listed = (accountId: string) => sql`
  select u.id, u.email, lower(u.email) as email_key, u.first_name, u.last_name,
    case when u.status in ('deactivated', 'removed') then 'deactivated' when u.status = 'invited' then 'invited' else 'active' end as status,
    array_agg(r.role::text)::text[] as roles
  from purchasing_account_role r join "user" u on u.id = r.user_id
  where r.purchasing_account_id = ${accountId}
  group by u.id`;

const toUser = (r: Row): AccountUser => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  status: r.status,
  roles: sortAccountRoles(r.roles),
});

/** A page of the account's users, by e-mail address; searched by part of the address and filtered by status. */
export async function listAccountUsers(db: DbOrTx, accountId: string, q: AccountUserListQuery) {
  const position = q.cursor ? decodeCursor(q.cursor, AccountUserListPosition) : null;
  const search = q.email ? sql`and email_key like ${`%${q.email.toLowerCase().replace(LIKE_SPECIAL, '\\$&')}%`}` : sql``;
  const status = q.status === 'all' ? sql`` : sql`and status = ${q.status}`;
  const after = position ? sql`and (email_key, id) > (${position[0]}, ${position[1]}::uuid)` : sql``;
  const res = await db.execute<Row>(sql`
    with listed as (${listed(accountId)})
    select * from listed where true ${search} ${status} ${after}
    order by email_key, id
    limit ${q.limit + 1}`);
  const rows = res.rows.slice(0, q.limit);
  const last = rows.at(-1);
  return {
    items: rows.map(toUser),
    nextCursor: res.rows.length > q.limit && last ? encodeCursor([last.email_key, last.id]) : null,
  };
}

/** One user of the account; someone holding no role on it is 404, whether or not they exist. */
export async function accountUser(db: DbOrTx, accountId: string, userId: string): Promise<AccountUser> {
  const res = await db.execute<Row>(sql`with listed as (${listed(accountId)}) select * from listed where id = ${userId}`);
  const row = res.rows[0];
  if (!row) throw notFound('user');
  return toUser(row);
}

/** The roles the user holds on the account, [] when none. */
export async function rolesOn(db: DbOrTx, accountId: string, userId: string): Promise<AccountRole[]> {
  const res = await db.execute<{ role: AccountRole }>(
    sql`select role from purchasing_account_role where purchasing_account_id = ${accountId} and user_id = ${userId}`,
  );
  return sortAccountRoles(res.rows.map((r) => r.role));
}

/** Active users other than `userId` holding Account administrator on the account. */
export async function otherAdministrators(db: DbOrTx, accountId: string, userId: string): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from purchasing_account_role r join "user" u on u.id = r.user_id
    where r.purchasing_account_id = ${accountId} and r.role = 'ACCOUNT_ADMINISTRATOR' and r.user_id <> ${userId} and u.status = 'active'`);
  return Number(res.rows[0]?.n ?? 0);
}
