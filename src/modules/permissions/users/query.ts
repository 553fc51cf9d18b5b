import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../../platform/http/cursor.js';
import type { LicensingIdKind, Status } from '../../relationship/rules.js';
import { activeGrants, standings, uuids } from '../grants.js';
import { holdingOf, protectedRoles, removalRefusal } from '../rules.js';
import { UserListPosition, type UserListQuery } from '../schemas.js';

/**
 * Manage Users reads (R-PERM-7, R-PERM-12). `scope` is always the Licensing IDs the actor
 * administers: a user appears when they hold, or once held, a grant on one of them, so removed
 * users stay listed with no permissions.
 */

/**
 * A user's status as an Administrator sees it: invited until they register, active while they hold
 * a role on one of the Administrator's Licensing IDs, inactive otherwise (removed, deactivated, or
 * gone from the organization's directory). A person the organization deactivated stays inactive
 * whatever they still hold (a contact's or an expired Licensing ID's roles) until an
 * Administrator lets them back: the list never flips to active by itself.
 */
const statusOf = (userStatus: SQL, hasActive: SQL, deactivated: SQL) => sql`case
  when not ${hasActive} or ${userStatus} in ('deactivated', 'removed') or ${deactivated} then 'inactive'
  when ${userStatus} = 'invited' then 'invited'
  else 'active' end`;

/** SQL: an organization owning one of the scope's Licensing IDs deactivated the user. */
const deactivatedInScope = (userId: SQL, scope: readonly string[]) => sql`exists (
  select 1 from deactivation d where d.user_id = ${userId} and d.lifted_at is null
    and d.organization_id in (select organization_id from licensing_id where id = any(${uuids(scope)})))`;

const LIKE_SPECIAL = /[\\%_]/g;

export async function listUsers(db: DbOrTx, scope: readonly string[], q: UserListQuery) {
  const position = q.cursor ? decodeCursor(q.cursor, UserListPosition) : null;
  if (scope.length === 0) return { items: [], nextCursor: null };
  const only = q.licensingId ? sql`and g.licensing_id = ${q.licensingId}` : sql``;
  const prefix = q.email ? sql`and email_key like ${`${q.email.toLowerCase().replace(LIKE_SPECIAL, '\\$&')}%`}` : sql``;
  const status = q.status === 'all' ? sql`` : sql`and status = ${q.status}`;
  const after = position ? sql`and (email_key, id) > (${position[0]}, ${position[1]}::uuid)` : sql``;
  const res = await db.execute<{
    id: string;
    email: string;
    email_key: string;
    first_name: string;
    last_name: string;
    status: 'active' | 'inactive' | 'invited';
    active_ids: number;
  }>(sql`
    with listed as (
      select u.id, u.email, lower(u.email) as email_key, u.first_name, u.last_name,
        ${statusOf(sql`u.status`, sql`bool_or(g.active)`, deactivatedInScope(sql`u.id`, scope))} as status,
        count(distinct g.licensing_id) filter (where g.active)::int as active_ids
      from role_grant g join "user" u on u.id = g.user_id
      where g.licensing_id = any(${uuids(scope)}) ${only}
      group by u.id)
    select * from listed where true ${prefix} ${status} ${after}
    order by email_key, id
    limit ${q.limit + 1}`);
  const rows = res.rows.slice(0, q.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      status: r.status,
      activeLicensingIds: Number(r.active_ids),
    })),
    nextCursor: res.rows.length > q.limit && last ? encodeCursor([last.email_key, last.id]) : null,
  };
}

/** The user with a line per Licensing ID of the scope they hold or held roles on; 404 when there is none. */
export async function userDetail(db: DbOrTx, scope: readonly string[], userId: string) {
  const res = await db.execute<{
    id: string;
    number: string;
    name: string;
    program_code: string;
    kind: LicensingIdKind;
    status: Status;
  }>(sql`
    select l.id, l.number, l.name, l.program_code, l.kind, l.status from licensing_id l
    where l.id = any(${uuids(scope)}) and exists (select 1 from role_grant g where g.user_id = ${userId} and g.licensing_id = l.id)
    order by l.number`);
  if (res.rows.length === 0) throw notFound('user');
  const ids = res.rows.map((r) => r.id);
  const grants = await activeGrants(db, userId, ids);
  const standing = await standings(db, userId, ids);
  const hasActive = grants.size > 0;
  const [user] = (
    await db.execute<{ id: string; email: string; first_name: string; last_name: string; status: 'active' | 'inactive' | 'invited' }>(sql`
      select u.id, u.email, u.first_name, u.last_name,
        ${statusOf(sql`u.status`, sql`${hasActive}::boolean`, deactivatedInScope(sql`u.id`, scope))} as status
      from "user" u where u.id = ${userId}`)
  ).rows;
  if (!user) throw notFound('user');
  return {
    id: user.id,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    status: user.status,
    activeLicensingIds: grants.size,
    permissions: res.rows.map((r) => {
      const held = grants.get(r.id) ?? [];
      const holding = holdingOf(held);
      const s = standing.get(r.id);
      const reason = s
        ? removalRefusal({ ...s, removed: holding.roles, whole: true, protectedRoles: protectedRoles(held) }, 'administrator')
        : null;
      return {
        licensingId: { id: r.id, number: r.number, name: r.name, programCode: r.program_code, kind: r.kind, status: r.status },
        ...holding,
        removable: holding.roles.length > 0 && reason === null,
        reason,
      };
    }),
  };
}

/**
 * The user an Administrator may assign roles to: one already in their scope, or one of their own
 * organization ("Add Licensing ID"). Anyone else is 404, whether or not they exist.
 */
export async function assertAssignable(db: DbOrTx, actor: { organizationId: string }, scope: readonly string[], userId: string) {
  const res = await db.execute(sql`
    select 1 from "user" u where u.id = ${userId} and (u.organization_id = ${actor.organizationId}
      or exists (select 1 from role_grant g where g.user_id = u.id and g.licensing_id = any(${uuids(scope)})))`);
  if (!res.rowCount) throw notFound('user');
}

/** The user is listed in the Administrator's Manage Users: they hold or held a role in the scope. Anyone else is 404. */
export async function assertListed(db: DbOrTx, scope: readonly string[], userId: string) {
  const res = await db.execute(
    sql`select 1 from role_grant g where g.user_id = ${userId} and g.licensing_id = any(${uuids(scope)}) limit 1`,
  );
  if (!res.rowCount) throw notFound('user');
}
