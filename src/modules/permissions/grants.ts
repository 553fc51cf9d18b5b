import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../platform/authz/roles.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { DomainError } from '../../platform/errors.js';
import { PERMISSIONS_PROBLEMS } from './problems.js';
import type { SubRole } from './role-groups.js';
import {
  type ActiveGrant,
  type ContactType,
  type GrantSource,
  type Holding,
  holdingOf,
  NO_HOLDING,
  type Refusal,
  type RemovalBlock,
  type RoleSetting,
  removalBlock,
} from './rules.js';

/**
 * Reading and writing role grants. A grant is keyed by user, Licensing ID, role and source; a
 * user's roles on a Licensing ID are the union of its active grants. Grants are never deleted:
 * taking a role away sets the grant inactive (and stamps updated_at), for audit and reactivation.
 */

/** A uuid[] parameter (drizzle would spread a plain array into a list). */
export const uuids = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;

/**
 * Serializes changes to who holds what on these Licensing IDs, so that two Administrators
 * removing each other at the same time cannot both succeed and leave none (R-PERM-3).
 */
export async function lockLicensingIds(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`select id from licensing_id where id = any(${uuids(ids)}) order by id for update`);
}

/** The user's active grants per Licensing ID, for the given Licensing IDs (absent: none). */
export async function activeGrants(tx: DbOrTx, userId: string, licensingIds: readonly string[]): Promise<Map<string, ActiveGrant[]>> {
  const res = await tx.execute<{
    licensing_id: string;
    role: Role;
    source: GrantSource;
    sub_roles: string[] | null;
    manage_reservation: boolean;
  }>(sql`
    select licensing_id, role, source, sub_roles, manage_reservation from role_grant
    where user_id = ${userId} and active and licensing_id = any(${uuids(licensingIds)})`);
  const out = new Map<string, ActiveGrant[]>();
  for (const r of res.rows) {
    const list = out.get(r.licensing_id) ?? [];
    list.push({ role: r.role, source: r.source, subRoles: r.sub_roles, manageReservation: r.manage_reservation });
    out.set(r.licensing_id, list);
  }
  return out;
}

export async function holdings(tx: DbOrTx, userId: string, licensingIds: readonly string[]): Promise<Map<string, Holding>> {
  const grants = await activeGrants(tx, userId, licensingIds);
  return new Map(licensingIds.map((id) => [id, grants.has(id) ? holdingOf(grants.get(id) ?? []) : NO_HOLDING]));
}

export interface GrantWrite {
  userId: string;
  licensingId: string;
  source: GrantSource;
  grantedBy: string | null;
  roles: readonly { role: Role; subRoles: readonly SubRole[] | null; manageReservation: boolean }[];
}

/** Writes grants of one source, or revives and updates the ones that exist. */
export async function writeGrants(tx: DbOrTx, g: GrantWrite): Promise<void> {
  if (g.roles.length === 0) return;
  const rows = g.roles.map(
    (r) =>
      sql`(${g.userId}::uuid, ${g.licensingId}::uuid, ${r.role}::role, ${g.source}::grant_source, ${r.subRoles ? sql.param([...r.subRoles]) : null}::text[], ${r.manageReservation}, ${g.grantedBy}::uuid)`,
  );
  await tx.execute(sql`
    insert into role_grant (user_id, licensing_id, role, source, sub_roles, manage_reservation, granted_by)
    values ${sql.join(rows, sql`, `)}
    on conflict (user_id, licensing_id, role, source) do update
    set active = true, sub_roles = excluded.sub_roles, manage_reservation = excluded.manage_reservation,
      granted_by = excluded.granted_by, updated_at = now()`);
}

/** Applies an Administrator's settings: updates the assigned or requested grants, or writes an assigned one. */
export async function applySettings(tx: DbOrTx, userId: string, licensingId: string, grantedBy: string, settings: readonly RoleSetting[]) {
  const inserts = settings.filter((s) => s.insert);
  await writeGrants(tx, { userId, licensingId, source: 'ADMIN', grantedBy, roles: inserts });
  for (const s of settings.filter((x) => !x.insert)) {
    await tx.execute(sql`
      update role_grant set sub_roles = ${s.subRoles ? sql.param([...s.subRoles]) : null}::text[],
        manage_reservation = ${s.manageReservation}, granted_by = ${grantedBy}, updated_at = now()
      where user_id = ${userId} and licensing_id = ${licensingId} and role = ${s.role} and source in ('ADMIN', 'REQUEST') and active`);
  }
}

/** Sets the user's grants on the Licensing ID inactive: the given (role, source) pairs, or all of them. */
export async function deactivateGrants(
  tx: DbOrTx,
  userId: string,
  licensingId: string,
  which?: readonly { role: Role; source: GrantSource }[],
): Promise<void> {
  if (which?.length === 0) return;
  const only = which
    ? sql`and (role::text, source::text) in (${sql.join(
        which.map((w) => sql`(${w.role}, ${w.source})`),
        sql`, `,
      )})`
    : sql``;
  await tx.execute(sql`
    update role_grant set active = false, updated_at = now()
    where user_id = ${userId} and licensing_id = ${licensingId} and active ${only}`);
}

export interface Standing {
  licensingId: string;
  expired: boolean;
  block: RemovalBlock | null;
  /** Active user with an active Administrator grant: one of the Administrators of record. */
  countsAsAdministrator: boolean;
  otherAdministrators: number;
}

/**
 * What decides whether the user may lose roles on each Licensing ID: its status, the user's
 * contact roles on it and on its parent agreement or MBSA, and the Administrators of record.
 */
export async function standings(tx: DbOrTx, userId: string, licensingIds: readonly string[]): Promise<Map<string, Standing>> {
  const res = await tx.execute<{
    id: string;
    expired: boolean;
    contact_types: ContactType[];
    inherits: boolean;
    counts_as_admin: boolean;
    other_admins: number;
  }>(sql`
    select l.id, l.status = 'EXPIRED' as expired,
      coalesce((select array_agg(distinct c.type::text) from contact c
        where c.licensing_id = l.id and c.user_id = ${userId} and c.type in ('NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT')), '{}') as contact_types,
      exists (select 1 from agreement p join contact c on c.agreement_id in (p.id, p.mbsa_id)
        where p.id = l.parent_agreement_id and c.user_id = ${userId} and c.type in ('NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT')) as inherits,
      exists (select 1 from role_grant g join "user" u on u.id = g.user_id
        where g.licensing_id = l.id and g.user_id = ${userId} and g.role = 'ADMINISTRATOR' and g.active and u.status = 'active') as counts_as_admin,
      (select count(distinct g.user_id) from role_grant g join "user" u on u.id = g.user_id
        where g.licensing_id = l.id and g.user_id <> ${userId} and g.role = 'ADMINISTRATOR' and g.active and u.status = 'active')::int as other_admins
    from licensing_id l where l.id = any(${uuids(licensingIds)})`);
  return new Map(
    res.rows.map((r) => [
      r.id,
      {
        licensingId: r.id,
        expired: r.expired,
        block: removalBlock({ onLicensingId: r.contact_types, onParentOrMbsa: r.inherits }),
        countsAsAdministrator: r.counts_as_admin,
        otherAdministrators: Number(r.other_admins),
      },
    ]),
  );
}

/** Licensing IDs among these that no active user administers any more (R-PERM-3). */
export async function withoutAdministrator(tx: DbOrTx, licensingIds: readonly string[]): Promise<string[]> {
  const res = await tx.execute<{ id: string }>(sql`
    select l.id from licensing_id l where l.id = any(${uuids(licensingIds)}) and not exists (
      select 1 from role_grant g join "user" u on u.id = g.user_id
      where g.licensing_id = l.id and g.role = 'ADMINISTRATOR' and g.active and u.status = 'active')`);
  return res.rows.map((r) => r.id);
}

/** A refused removal as a 409 whose code says why (R-PERM-3, R-PERM-4, R-PERM-7). */
export function refusal(code: Refusal, licensingId: string): DomainError {
  return new DomainError(code, 409, PERMISSIONS_PROBLEMS[code].en, { licensingId });
}
