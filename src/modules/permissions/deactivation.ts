import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { DomainError } from '../../platform/errors.js';
import { type AccountStatus, closeAccount, reopenAccount } from '../identity/accounts.js';
import { uuids } from './grants.js';
import { deactivationClosesAccount } from './rules.js';

/**
 * What "Deactivate" in Manage Users means (R-PERM-7, R-ID-6), beyond taking roles away:
 *
 * - The organization's deactivation stands until one of its Administrators lets the person back
 *   (Reactivate, roles assigned in Manage Users, an accepted permission request). Until then no
 *   path the person or a third party starts gives them a role on the organization's Licensing IDs:
 *   Add Open License, reseller access from an order, a waiting address confirmation (R-ID-3).
 *   Without that, the Administrator's decision undid itself: the person re-granted themselves.
 * - A person of the organization's own who then holds no role anywhere has their account closed
 *   (see deactivationClosesAccount): sessions and API tokens end in the same transaction, and
 *   sign-in is refused until the deactivation is lifted.
 *
 * A deactivation belongs to the organization owning the Licensing IDs, not to the Administrator
 * who clicked: any Administrator of that organization may lift it.
 */

export type LiftVia = 'REACTIVATED' | 'ROLES_ASSIGNED' | 'REQUEST_ACCEPTED';

export const deactivatedByOrganization = () =>
  new DomainError(
    'DEACTIVATED_BY_ORGANIZATION',
    403,
    'The organization that owns this Licensing ID deactivated you. Only one of its Administrators can give you access again.',
  );

/** The organizations owning these Licensing IDs. */
export async function owners(tx: DbOrTx, licensingIds: readonly string[]): Promise<string[]> {
  if (licensingIds.length === 0) return [];
  const res = await tx.execute<{ organization_id: string }>(
    sql`select distinct organization_id from licensing_id where id = any(${uuids(licensingIds)})`,
  );
  return res.rows.map((r) => r.organization_id);
}

/** The organizations owning the Licensing IDs of the scope on which the user holds or held a role. */
export async function ownersWhereHeld(tx: DbOrTx, userId: string, scope: readonly string[]): Promise<string[]> {
  if (scope.length === 0) return [];
  const res = await tx.execute<{ organization_id: string }>(sql`
    select distinct l.organization_id from role_grant g join licensing_id l on l.id = g.licensing_id
    where g.user_id = ${userId} and g.licensing_id = any(${uuids(scope)})`);
  return res.rows.map((r) => r.organization_id);
}

/** Whether the organization's deactivation of the person stands. */
export async function isDeactivatedBy(tx: DbOrTx, organizationId: string, userId: string): Promise<boolean> {
  const res = await tx.execute(
    sql`select 1 from deactivation where organization_id = ${organizationId} and user_id = ${userId} and lifted_at is null`,
  );
  return Boolean(res.rowCount);
}

/** Self-service paths call this before granting anything on the organization's Licensing IDs. */
export async function assertNotDeactivated(tx: DbOrTx, organizationId: string, userId: string): Promise<void> {
  if (await isDeactivatedBy(tx, organizationId, userId)) throw deactivatedByOrganization();
}

export interface DeactivationRecord {
  /** A new deactivation was recorded (false: one already stood for every organization). */
  recorded: boolean;
  /** The account was closed: status `deactivated`, every session ended and token revoked. */
  closed: boolean;
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * Records the organizations' deactivation of the person, after their roles were taken away, in
 * the caller's transaction, and closes the account when the rule says so.
 */
export async function recordDeactivation(
  tx: DbOrTx,
  m: { actor: Actor; userId: string; organizationIds: readonly string[]; now: Date },
): Promise<DeactivationRecord> {
  const none: DeactivationRecord = { recorded: false, closed: false, sessionsEnded: 0, tokensRevoked: 0 };
  if (m.organizationIds.length === 0) return none;
  const [person] = (
    await tx.execute<{ status: 'invited' | 'active' | 'deactivated' | 'removed'; own: boolean; holds: boolean }>(sql`
      select u.status,
        (u.organization_id = any(${uuids(m.organizationIds)}) or exists (select 1 from organization o
          where o.id = any(${uuids(m.organizationIds)}) and split_part(lower(u.email), '@', 2) = any(o.domains))) as own,
        exists (select 1 from role_grant g where g.user_id = u.id and g.active) as holds
      from "user" u where u.id = ${m.userId} for update of u`)
  ).rows;
  if (!person) return none;
  const rows = m.organizationIds.map(
    (o) => sql`(${o}::uuid, ${m.userId}::uuid, ${m.actor.userId}::uuid, ${m.now.toISOString()}::timestamptz)`,
  );
  const inserted = await tx.execute(sql`
    insert into deactivation (organization_id, user_id, deactivated_by, deactivated_at)
    values ${sql.join(rows, sql`, `)}
    on conflict (organization_id, user_id) where lifted_at is null do nothing
    returning id`);
  const closes = deactivationClosesAccount({ ownPerson: person.own, holdsActiveRole: person.holds, status: person.status });
  if (!closes) return { ...none, recorded: Boolean(inserted.rowCount) };
  const ended = await closeAccount(tx, m.userId, m.now);
  // Remembered on each standing deactivation, so whichever organization lifts it reopens the account as it was.
  await tx.execute(sql`
    update deactivation set locked_from = ${person.status}::user_status
    where user_id = ${m.userId} and lifted_at is null and organization_id = any(${uuids(m.organizationIds)})`);
  return { recorded: Boolean(inserted.rowCount), closed: true, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens };
}

/**
 * An Administrator of the organizations lets the person back: their standing deactivations end,
 * and an account the deactivation closed is reopened with the status it had. Audited; the
 * caller's own mail (roles changed, reactivated, request accepted) tells the person.
 */
export async function liftDeactivation(
  tx: DbOrTx,
  m: { actor: Actor; userId: string; organizationIds: readonly string[]; via: LiftVia; now: Date },
): Promise<{ lifted: boolean; reopened: boolean }> {
  if (m.organizationIds.length === 0) return { lifted: false, reopened: false };
  const lifted = await tx.execute<{ organization_id: string; locked_from: AccountStatus | null }>(sql`
    update deactivation set lifted_at = ${m.now.toISOString()}, lifted_by = ${m.actor.userId}, lifted_via = ${m.via}
    where user_id = ${m.userId} and lifted_at is null and organization_id = any(${uuids(m.organizationIds)})
    returning organization_id, locked_from`);
  if (!lifted.rowCount) return { lifted: false, reopened: false };
  const lockedFrom = lifted.rows.find((r) => r.locked_from)?.locked_from ?? null;
  // Another organization's standing deactivation that also closed the account keeps it closed.
  const stillClosed = await tx.execute(
    sql`select 1 from deactivation where user_id = ${m.userId} and lifted_at is null and locked_from is not null`,
  );
  const reopened = lockedFrom !== null && !stillClosed.rowCount ? await reopenAccount(tx, m.userId, lockedFrom) : false;
  await audit(tx, m.actor, {
    action: 'users.deactivation-lift',
    targetType: 'user',
    targetId: m.userId,
    before: { deactivatedBy: lifted.rows.map((r) => r.organization_id), status: reopened ? 'deactivated' : null },
    after: { via: m.via, status: reopened ? lockedFrom : null },
  });
  return { lifted: true, reopened };
}

/** SQL: the person is under a standing deactivation by the organization owning licensing_id `lid`. */
export const deactivatedOn = (userId: unknown, lid: unknown) => sql`exists (
  select 1 from deactivation d join licensing_id dl on dl.organization_id = d.organization_id
  where dl.id = ${lid} and d.user_id = ${userId} and d.lifted_at is null)`;
