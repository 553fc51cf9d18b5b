import { sql } from 'drizzle-orm';
import type { Role } from '../../platform/authz/roles.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { CONTACT_ROLE } from '../relationship/rules.js';
import { administratorsOfRecord } from './admins.js';
import { uuids } from './grants.js';

export interface ContactGrantChange {
  userId: string;
  licensingId: string;
  role: Role;
}

/** The contact types and their roles as a table the statements join (from the one declaration in relationship). */
const CONTACT_ROLES = sql.raw(
  `(values ${Object.entries(CONTACT_ROLE)
    .map(([type, role]) => `('${type}', '${role}'::role)`)
    .join(', ')}) as m(type, role)`,
);

/**
 * The roles the contacts of record of these Licensing IDs are due (R-REL-6, R-PERM-3). A user
 * whose registration still waits for the agreement's address to be confirmed (R-ID-3) gets
 * nothing until then.
 */
const wantedOn = (ids: readonly string[]) => sql`
  with wanted as (
    select distinct c.user_id, c.licensing_id, m.role from contact c join ${CONTACT_ROLES} on m.type = c.type::text
    where c.licensing_id = any(${uuids(ids)}) and c.user_id is not null
      and not exists (select 1 from email_verification v where v.user_id = c.user_id and v.verified_at is null))`;

type Row = { user_id: string; licensing_id: string; role: Role };
const changes = (rows: Row[]): ContactGrantChange[] => rows.map((r) => ({ userId: r.user_id, licensingId: r.licensing_id, role: r.role }));

/**
 * R-REL-6: brings the CONTACT grants of these Licensing IDs in line with their contacts of record,
 * in the caller's transaction: writes or revives what a contact is due, and ends what no contact
 * backs any more (the old contact's role ends when the publisher names another). Grants from
 * other sources (assigned, requested, inherited) are left alone.
 */
export async function syncContactGrants(
  tx: DbOrTx,
  licensingIds: readonly string[],
): Promise<{ granted: ContactGrantChange[]; revoked: ContactGrantChange[] }> {
  if (licensingIds.length === 0) return { granted: [], revoked: [] };
  // Licensing IDs without a contact grant yet (an onboarding's new ones) have none to end: the
  // second pass over their contacts (an import: over 100,000 rows) is skipped.
  const held = await tx.execute<{ any: boolean }>(sql`
    select exists (select 1 from role_grant where source = 'CONTACT' and licensing_id in (select unnest(${uuids(licensingIds)}))) as any`);
  const granted = await tx.execute<Row>(sql`${wantedOn(licensingIds)}
    insert into role_grant (user_id, licensing_id, role, source)
    select user_id, licensing_id, role, 'CONTACT' from wanted
    on conflict (user_id, licensing_id, role, source) do update set active = true, updated_at = now()
    where not role_grant.active
    returning user_id, licensing_id, role`);
  if (!held.rows[0]?.any) return { granted: changes(granted.rows), revoked: [] };
  const revoked = await tx.execute<Row>(sql`${wantedOn(licensingIds)}
    update role_grant g set active = false, updated_at = now()
    where g.source = 'CONTACT' and g.active and g.licensing_id = any(${uuids(licensingIds)})
      -- NOT IN over the (non-null) wanted triples runs as one hashed lookup, not a scan per grant.
      and (g.user_id, g.licensing_id, g.role) not in (select user_id, licensing_id, role from wanted)
    returning g.user_id, g.licensing_id, g.role`);
  return { granted: changes(granted.rows), revoked: changes(revoked.rows) };
}

/** A Licensing ID changes hands (an Open License's new owner): every role on it ends; returns how many. */
export async function endGrantsOn(tx: DbOrTx, licensingId: string): Promise<number> {
  const res = await tx.execute(sql`
    update role_grant set active = false, updated_at = now() where licensing_id = ${licensingId} and active`);
  return res.rowCount ?? 0;
}

/** The functions relationship is given where app.ts wires the modules (relationship cannot import permissions). */
export const contactGrantsForRelationship = {
  sync: syncContactGrants,
  endAll: endGrantsOn,
  administrators: administratorsOfRecord,
};
