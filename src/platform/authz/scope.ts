import { type Column, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { DbOrTx } from '../db/client.js';
import { delegateAllows, type Holding, type LicensingAction, partnerAllows, rolesGranting } from './actions.js';
import type { Role } from './roles.js';

/**
 * The actor's scope, written once: which Licensing IDs a user's active roles let them act on.
 * The fragments embed in a caller's query, so a list stays one round trip and the tenant filter
 * sits in its WHERE clause (never "load, then check").
 */

/** Whose grants: an actor, or the user a signed download link names. */
export type Holder = Pick<Actor, 'userId'>;

/** A Licensing ID in the caller's query: its column, an expression, or a value. */
export type LicensingIdRef = Column | SQL | string;

const roleList = (roles: readonly Role[]) =>
  sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  );

/** SQL subquery: the Licensing IDs the user's organization serves as channel partner of record. */
function servedLicensingIdsSql(holder: Holder): SQL<string> {
  return sql<string>`select p.licensing_id from partner_of_record p
    where p.partner_organization_id = (select u.organization_id from "user" u where u.id = ${holder.userId} and u.status = 'active')`;
}

/**
 * SQL subquery: the Licensing IDs whose customer approved the user's organization to manage its
 * benefits (R-SA-7). Read on every request, so a removal takes effect on the next one.
 */
export function delegatedLicensingIdsSql(holder: Holder): SQL<string> {
  return sql<string>`select x.licensing_id from benefit_delegation_licensing_id x join benefit_delegation d on d.id = x.delegation_id
    where d.status = 'APPROVED'
      and d.partner_organization_id = (select u.organization_id from "user" u where u.id = ${holder.userId} and u.status = 'active')`;
}

/**
 * SQL subquery: the Licensing IDs on which the user holds an active role allowing `action`, those
 * their organization serves as partner of record when the partner's policy row allows it, and those
 * it was delegated when the delegate's row does (`x in (${…})`).
 */
export function visibleLicensingIdsSql(holder: Holder, action: LicensingAction): SQL<string> {
  const roles = rolesGranting(action);
  const parts = [
    roles.length
      ? sql<string>`select g.licensing_id from role_grant g
    where g.user_id = ${holder.userId} and g.active and g.role in (${roleList(roles)})`
      : null,
    partnerAllows(action) ? servedLicensingIdsSql(holder) : null,
    delegateAllows(action) ? delegatedLicensingIdsSql(holder) : null,
  ].filter((p): p is SQL<string> => p !== null);
  return parts.length ? (sql.join(parts, sql` union `) as SQL<string>) : sql<string>`select null::uuid where false`;
}

/** SQL condition: the Licensing ID `licensingId` (a column of the caller's query) is in the user's scope for `action`. */
export function visibleTo(holder: Holder, action: LicensingAction, licensingId: LicensingIdRef): SQL<boolean> {
  return sql<boolean>`${licensingId} in (${visibleLicensingIdsSql(holder, action)})`;
}

/** The same Licensing IDs, fetched: for a scope a caller needs as a list (a 404 for a chosen id outside it). */
export async function visibleLicensingIds(db: DbOrTx, holder: Holder, action: LicensingAction): Promise<string[]> {
  const res = await db.execute<{ licensing_id: string }>(
    sql`select distinct licensing_id from (${visibleLicensingIdsSql(holder, action)}) v`,
  );
  return res.rows.map((r) => r.licensing_id);
}

/**
 * SQL expression: the roles the user actively holds on the Licensing ID `licensingId` (a column or
 * value), `text[]` in the catalogue's order, `'{}'` when none. A role held from several sources
 * (an Administrator who is also a contact) is one role.
 */
export function rolesHeldSql(holder: Holder, licensingId: LicensingIdRef): SQL<Role[]> {
  return sql<Role[]>`coalesce((select array_agg(distinct g.role order by g.role)::text[] from role_grant g
    where g.licensing_id = ${licensingId} and g.user_id = ${holder.userId} and g.active), '{}'::text[])`;
}

/**
 * SQL expression: what the user holds on the Licensing ID for authorization: their roles,
 * CHANNEL_PARTNER when their organization is its partner of record, and BENEFIT_DELEGATE when the
 * customer approved their organization to manage its benefits.
 */
export function holdingsSql(holder: Holder, licensingId: LicensingIdRef): SQL<Holding[]> {
  return sql<Holding[]>`(${rolesHeldSql(holder, licensingId)} || case when ${licensingId} in (${servedLicensingIdsSql(holder)})
    then array['CHANNEL_PARTNER']::text[] else '{}'::text[] end
    || case when ${licensingId} in (${delegatedLicensingIdsSql(holder)}) then array['BENEFIT_DELEGATE']::text[] else '{}'::text[] end)`;
}

/**
 * SQL condition: the user's organization once asked to manage the Licensing ID's benefits and the
 * customer denied or removed it, and nothing approved stands: such a partner is told why (R-SA-7).
 */
export function delegationEndedSql(holder: Holder, licensingId: LicensingIdRef): SQL<boolean> {
  return sql<boolean>`exists (select 1 from benefit_delegation_licensing_id x join benefit_delegation d on d.id = x.delegation_id
    where x.licensing_id = ${licensingId} and d.status in ('DENIED', 'REMOVED')
      and d.partner_organization_id = (select u.organization_id from "user" u where u.id = ${holder.userId} and u.status = 'active'))`;
}

/** SQL subquery: the users holding an active role allowing `action` on the Licensing ID `licensingId` (who hear of its changes). */
export function holdersSql(licensingId: LicensingIdRef, action: LicensingAction): SQL<string> {
  return sql<string>`select g.user_id from role_grant g
    where g.licensing_id = ${licensingId} and g.active and g.role in (${roleList(rolesGranting(action))})`;
}
