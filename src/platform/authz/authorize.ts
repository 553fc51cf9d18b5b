import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { DbOrTx } from '../db/client.js';
import { executeNamed } from '../db/named.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../errors.js';
import { type AccountRole, accountRolesAllow, isAccountAction } from './account-actions.js';
import { accountRolesHeldSql } from './account-scope.js';
import { type Action, delegateAllows, type Holding, isLicensingAction, rolesAllow } from './actions.js';
import { delegationEndedSql, holdingsSql, rolesHeldSql } from './scope.js';

/** What a route acts on: a Licensing ID, or a business-center purchasing account (R-PERM-14). */
export type AuthzTarget = { licensingId: string } | { purchasingAccountId: string };

/**
 * The only gate. Without a target it checks who the actor is; with a Licensing ID or a purchasing
 * account it answers 404 when the actor can not know it exists (another organization's, no role on
 * it) and 403 when it can but holds no role allowing the action.
 */
export async function authorize(db: DbOrTx, actor: Actor | null, action: Action, target?: AuthzTarget): Promise<void> {
  // A training provider's credential redeems vouchers and reaches nothing else, not even public routes (R-SA-5).
  if (actor?.via === 'provider' && action !== 'training.redeem') throw forbidden(action);
  if (action === 'public') return;
  if (!actor) throw unauthenticated();
  if (action === 'training.redeem') {
    if (actor.via !== 'provider') throw forbidden(action);
    return;
  }
  if ((action === 'directory.sync') !== (actor.via === 'scim')) throw forbidden(action);
  if (action === 'directory.sync' || action === 'self') return;
  if (action === 'operator') {
    if (!actor.isOperator) throw forbidden(action);
    return;
  }
  if (action === 'partner') {
    const res = await db.execute(sql`select 1 from organization where id = ${actor.organizationId} and is_channel_partner`);
    if (!res.rowCount) throw forbidden(action);
    return;
  }
  if (action === 'organization.manage') {
    const res = await db.execute(sql`
      select 1 from licensing_id l
      where l.organization_id = ${actor.organizationId} and 'ADMINISTRATOR' = any(${rolesHeldSql(actor, sql`l.id`)})
      limit 1`);
    if (!res.rowCount) throw forbidden(action);
    return;
  }
  if (isAccountAction(action)) {
    if (!target) return; // list routes: the service scopes its query by the actor's purchasing accounts (account-scope.ts)
    if (!('purchasingAccountId' in target)) throw new DomainError('INTERNAL', 500, `${action} needs a purchasing account`);
    const res = await db.execute<{ organization_id: string; roles: AccountRole[] }>(sql`
      select a.organization_id, ${accountRolesHeldSql(actor, sql`a.id`)} as roles
      from purchasing_account a where a.id = ${target.purchasingAccountId}`);
    const row = res.rows[0];
    const roles = row?.roles ?? [];
    if (!row || (row.organization_id !== actor.organizationId && roles.length === 0)) throw notFound('purchasing account');
    if (!accountRolesAllow(roles, action)) throw forbidden(action);
    return;
  }
  if (!isLicensingAction(action)) throw new DomainError('INTERNAL', 500, `Unknown action ${action}`);
  if (!target) return; // list routes: the service scopes its query by the actor's visible Licensing IDs (scope.ts)
  if (!('licensingId' in target)) throw new DomainError('INTERNAL', 500, `${action} needs a Licensing ID`);
  // Asked before every Licensing-ID route's work, so prepared once per connection (its text is the same for every actor).
  const res = await executeNamed<{ organization_id: string; roles: Holding[]; ended: boolean }>(
    db,
    'lsc-authorize-licensing-id',
    sql`
      select l.organization_id, ${holdingsSql(actor, sql`l.id`)} as roles, ${delegationEndedSql(actor, sql`l.id`)} as ended
      from licensing_id l
      where l.id = ${target.licensingId}`,
  );
  const row = res.rows[0];
  const roles = row?.roles ?? [];
  // R-SA-7: a partner the customer denied or removed knows the Licensing ID (it asked for it) and is told why.
  if (row?.ended && delegateAllows(action) && !rolesAllow(roles, action))
    throw new DomainError('BENEFIT_DELEGATION_ENDED', 403, 'The customer denied or removed your permission to manage these benefits.', {
      action,
    });
  if (!row || (row.organization_id !== actor.organizationId && roles.length === 0)) throw notFound('Licensing ID');
  if (!rolesAllow(roles, action)) throw forbidden(action);
}
