import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { DbOrTx } from '../db/client.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../errors.js';
import { type Action, isLicensingAction, type LicensingAction, POLICY } from './actions.js';
import { ROLES, type Role } from './roles.js';

/** The roles whose policy row contains the action. */
export function rolesGranting(action: LicensingAction): Role[] {
  return ROLES.filter((r) => (POLICY[r] as readonly string[]).includes(action));
}

/**
 * The only gate. Without a target it checks who the actor is; with a Licensing ID it answers 404
 * when the actor can not know the Licensing ID exists (another organization's, no grant on it) and
 * 403 when it can but holds no role allowing the action.
 */
export async function authorize(db: DbOrTx, actor: Actor | null, action: Action, target?: { licensingId: string }): Promise<void> {
  if (action === 'public') return;
  if (!actor) throw unauthenticated();
  if ((action === 'directory.sync') !== (actor.via === 'scim')) throw forbidden(action);
  if (action === 'directory.sync' || action === 'self') return;
  if (action === 'operator') {
    if (!actor.isOperator) throw forbidden(action);
    return;
  }
  if (action === 'organization.manage') {
    const res = await db.execute(sql`
      select 1 from role_grant g join licensing_id l on l.id = g.licensing_id
      where g.user_id = ${actor.userId} and g.active and g.role = 'ADMINISTRATOR' and l.organization_id = ${actor.organizationId}
      limit 1`);
    if (!res.rowCount) throw forbidden(action);
    return;
  }
  if (!isLicensingAction(action)) throw new DomainError('INTERNAL', 500, `Unknown action ${action}`);
  if (!target) return; // list routes: the service scopes its query with visibleLicensingIds()
  const res = await db.execute<{ organization_id: string; roles: Role[] | null }>(sql`
    select l.organization_id, array_agg(g.role::text) filter (where g.id is not null) as roles
    from licensing_id l
    left join role_grant g on g.licensing_id = l.id and g.user_id = ${actor.userId} and g.active
    where l.id = ${target.licensingId}
    group by l.id`);
  const row = res.rows[0];
  const roles = row?.roles ?? [];
  if (!row || (row.organization_id !== actor.organizationId && roles.length === 0)) throw notFound('Licensing ID');
  const allowed = rolesGranting(action);
  if (!roles.some((r) => allowed.includes(r))) throw forbidden(action);
}

/** The Licensing IDs on which the actor holds a role allowing `action`: the scope of every list query. */
export async function visibleLicensingIds(db: DbOrTx, actor: Actor, action: LicensingAction): Promise<string[]> {
  const roles = rolesGranting(action);
  const res = await db.execute<{ licensing_id: string }>(sql`
    select distinct licensing_id from role_grant
    where user_id = ${actor.userId} and active and role in (${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )})`);
  return res.rows.map((r) => r.licensing_id);
}
