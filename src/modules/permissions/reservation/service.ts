import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Role } from '../../../platform/authz/roles.js';
import { rolesHeldSql } from '../../../platform/authz/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { mayReserve } from './rules.js';

/**
 * R-PERM-9 for the reservations capability: may the actor create reservation orders on this
 * enrollment? The guard's `reservations.create` lets every Online Services Manager through; this
 * narrows it to the ones the rule allows. The Online Administrator is a contact of the enrollment
 * (or of its parent agreement), matched by user or by address; "Manage Reservation" is the flag on
 * the actor's active Online Services Manager grant.
 */
export async function canReserve(db: DbOrTx, actor: Actor, licensingId: string): Promise<boolean> {
  const res = await db.execute<ReservationAuthorityRow>(reservationAuthoritySql(actor, licensingId));
  return reservationAllowed(res.rows[0]);
}

/** What canReserve reads of the actor on the enrollment, one row (none when the Licensing ID does not exist). */
export interface ReservationAuthorityRow extends Record<string, unknown> {
  roles: Role[];
  manage_reservation: boolean | null;
  online_admin: boolean;
}

/**
 * The query canReserve runs, as a fragment: a submission reads it beside its other checks in one
 * statement (reservations/submission-facts.ts) and judges the row with reservationAllowed.
 */
export function reservationAuthoritySql(actor: Actor, licensingId: string): SQL {
  return sql`
    select
      ${rolesHeldSql(actor, sql`l.id`)} as roles,
      (select bool_or(g.manage_reservation) from role_grant g
        where g.licensing_id = l.id and g.user_id = ${actor.userId} and g.active and g.role = 'ONLINE_SERVICES_MANAGER') as manage_reservation,
      exists (select 1 from contact c
        where c.type = 'ONLINE_ADMINISTRATOR'
          and (c.licensing_id = l.id or (l.parent_agreement_id is not null and c.agreement_id = l.parent_agreement_id))
          and (c.user_id = ${actor.userId} or lower(c.email) = lower(${actor.email}))) as online_admin
    from licensing_id l where l.id = ${licensingId}`;
}

/** R-PERM-9 on the row reservationAuthoritySql read; no row (no such Licensing ID) allows nothing. */
export function reservationAllowed(row: ReservationAuthorityRow | null | undefined): boolean {
  if (!row) return false;
  return mayReserve({
    roles: row.roles,
    manageReservation: row.manage_reservation === true,
    isOnlineAdministratorContact: row.online_admin,
  });
}
