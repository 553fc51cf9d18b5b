import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../../platform/authz/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { DelegationStatus } from './rules.js';
import type { DelegationView } from './schemas.js';

/**
 * Whose requests: the partner's own (by its organization), the customer's Administrators' (those
 * naming a Licensing ID they hold `partner.change` on: the customer decides who acts for it, as it
 * does for a change of partner), or all (after a change, for the mails).
 */
export type DelegationScope = { kind: 'partner'; actor: Actor } | { kind: 'customer'; actor: Actor } | { kind: 'system' };

function scopeSql(scope: DelegationScope): SQL {
  if (scope.kind === 'partner') return sql`d.partner_organization_id = ${scope.actor.organizationId}`;
  if (scope.kind === 'customer')
    return sql`exists (select 1 from benefit_delegation_licensing_id x where x.delegation_id = d.id
      and x.licensing_id in (${visibleLicensingIdsSql(scope.actor, 'partner.change')}))`;
  return sql`true`;
}

export interface DelegationRow extends DelegationView {
  organizationId: string;
  partnerOrganizationId: string;
  partnerEmail: string;
  requestedById: string;
}

/** The requests in the scope matching `where`, newest first, each with its Licensing IDs (one query). */
export async function loadDelegations(db: DbOrTx, scope: DelegationScope, where: SQL = sql`true`): Promise<DelegationRow[]> {
  const res = await db.execute<{
    id: string;
    status: DelegationStatus;
    organization_id: string;
    customer: string;
    partner_organization_id: string;
    partner: string;
    partner_number: string;
    partner_email: string;
    requested_by_id: string;
    requested_by: string;
    requested_at: string;
    changed_by: string | null;
    changed_at: string | null;
    lines: { id: string; number: string; name: string }[];
  }>(sql`
    select d.id, d.status, d.organization_id, c.name as customer, d.partner_organization_id, po.name as partner,
      cp.number as partner_number, cp.notification_email as partner_email,
      d.requested_by as requested_by_id, ru.email as requested_by, d.requested_at, cu.email as changed_by, d.changed_at,
      (select json_agg(json_build_object('id', l.id, 'number', l.number, 'name', l.name) order by l.number)
        from benefit_delegation_licensing_id x join licensing_id l on l.id = x.licensing_id where x.delegation_id = d.id) as lines
    from benefit_delegation d
      join organization c on c.id = d.organization_id
      join organization po on po.id = d.partner_organization_id
      join channel_partner cp on cp.organization_id = d.partner_organization_id
      join "user" ru on ru.id = d.requested_by
      left join "user" cu on cu.id = d.changed_by
    where ${scopeSql(scope)} and ${where}
    order by d.requested_at desc, d.id`);
  return res.rows.map((r) => ({
    id: r.id,
    status: r.status,
    organizationId: r.organization_id,
    partnerOrganizationId: r.partner_organization_id,
    partnerEmail: r.partner_email,
    requestedById: r.requested_by_id,
    customer: { id: r.organization_id, name: r.customer },
    partner: { name: r.partner, number: r.partner_number },
    licensingIds: r.lines ?? [],
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at),
    changedBy: r.changed_by,
    changedAt: r.changed_at ? new Date(r.changed_at) : null,
  }));
}

/** What the API shows: the row without its internal keys. */
export const viewOf = ({ organizationId, partnerOrganizationId, partnerEmail, requestedById, ...view }: DelegationRow): DelegationView =>
  view;
