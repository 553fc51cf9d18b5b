import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../../platform/authz/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { ProgramCode } from '../../relationship/rules.js';
import { type ChangeFacts, changeStatus, type PartnerChangeDecision, type PartnerChangeStatus, referenceOf } from './rules.js';

/** Whose view: the customer's Administrators (their Licensing IDs' lines) or the new partner (its requests, every line). */
export type ChangeScope = { kind: 'customer'; actor: Actor } | { kind: 'partner'; actor: Actor } | { kind: 'system' };

interface ChangeRow extends Record<string, unknown> {
  id: string;
  organization_id: string;
  new_partner_organization_id: string;
  customer: string;
  partner_name: string;
  partner_number: string;
  contact_name: string;
  contact_email: string;
  requested_by: string;
  requested_by_id: string;
  requested_at: Date;
  respond_by: Date;
  decision: PartnerChangeDecision | null;
  decided_by: string | null;
  decided_at: Date | null;
  effective_at: Date | null;
  canceled_by: string | null;
  canceled_at: Date | null;
}

interface LineRow extends Record<string, unknown> {
  change_id: string;
  licensing_id: string;
  number: string;
  name: string;
  program_code: ProgramCode;
  old_name: string | null;
  old_number: string | null;
  completed_at: Date | null;
}

const personName = (alias: string) => sql.raw(`nullif(trim(${alias}.first_name || ' ' || ${alias}.last_name), '')`);

/** The Licensing IDs of a request the scope may see: a customer's Administrator only those they hold partner.change on. */
export function lineScope(scope: ChangeScope, column: SQL): SQL {
  return scope.kind === 'customer' ? sql`${column} in (${visibleLicensingIdsSql(scope.actor, 'partner.change')})` : sql`true`;
}

/** The requests the scope may see at all (never "load, then check": another tenant's request is simply absent). */
export function changeScope(scope: ChangeScope): SQL {
  if (scope.kind === 'partner') return sql`c.new_partner_organization_id = ${scope.actor.organizationId}`;
  if (scope.kind === 'system') return sql`true`;
  return sql`exists (select 1 from partner_change_line sl where sl.change_id = c.id and ${lineScope(scope, sql`sl.licensing_id`)})`;
}

export type PartnerChangeView = Awaited<ReturnType<typeof loadChanges>>[number];

/** Requests matching `where` (on alias c) within the scope, newest first, each with its lines and statuses at `now`. */
export async function loadChanges(db: DbOrTx, scope: ChangeScope, where: SQL, now: Date) {
  const changes = await db.execute<ChangeRow>(sql`
    select c.id, c.organization_id, c.new_partner_organization_id, co.name as customer, po.name as partner_name, cp.number as partner_number,
      c.contact_name, c.contact_email, coalesce(${personName('ru')}, ru.email) as requested_by, c.requested_by as requested_by_id,
      c.requested_at, c.respond_by, c.decision, coalesce(${personName('du')}, du.email) as decided_by, c.decided_at, c.effective_at,
      coalesce(${personName('xu')}, xu.email) as canceled_by, c.canceled_at
    from partner_change c
      join organization co on co.id = c.organization_id
      join channel_partner cp on cp.organization_id = c.new_partner_organization_id
      join organization po on po.id = cp.organization_id
      join "user" ru on ru.id = c.requested_by
      left join "user" du on du.id = c.decided_by
      left join "user" xu on xu.id = c.canceled_by
    where ${changeScope(scope)} and ${where}
    order by c.requested_at desc, c.id
    limit 500`);
  if (changes.rows.length === 0) return [];
  const ids = changes.rows.map((c) => c.id);
  const lines = await db.execute<LineRow>(sql`
    select l.change_id, l.licensing_id, li.number, li.name, li.program_code, oo.name as old_name, op.number as old_number, l.completed_at
    from partner_change_line l
      join licensing_id li on li.id = l.licensing_id
      left join channel_partner op on op.organization_id = l.old_partner_organization_id
      left join organization oo on oo.id = op.organization_id
    where l.change_id = any(${sql.param(ids)}::uuid[]) and ${lineScope(scope, sql`l.licensing_id`)}
    order by li.number`);
  return changes.rows.map((c) => {
    const facts: Omit<ChangeFacts, 'completedAt'> = {
      respondBy: new Date(c.respond_by),
      decision: c.decision,
      effectiveAt: c.effective_at ? new Date(c.effective_at) : null,
      canceledAt: c.canceled_at ? new Date(c.canceled_at) : null,
    };
    const own = lines.rows.filter((l) => l.change_id === c.id);
    const completedAt = (l: LineRow) => (l.completed_at ? new Date(l.completed_at) : null);
    // The request as a whole is completed when every Licensing ID of it is (the sweep records them together).
    const allDone = own.length > 0 && own.every((l) => l.completed_at);
    const status: PartnerChangeStatus = changeStatus({ ...facts, completedAt: allDone ? completedAt(own[0] as LineRow) : null }, now);
    return {
      id: c.id,
      reference: referenceOf(c.id),
      status,
      organizationId: c.organization_id,
      newPartnerOrganizationId: c.new_partner_organization_id,
      requestedById: c.requested_by_id,
      customer: c.customer,
      newPartner: { name: c.partner_name, number: c.partner_number },
      contact: { name: c.contact_name, email: c.contact_email },
      requestedBy: c.requested_by,
      requestedAt: new Date(c.requested_at),
      respondBy: facts.respondBy,
      decision: c.decision,
      decidedBy: c.decided_by,
      decidedAt: c.decided_at ? new Date(c.decided_at) : null,
      effectiveAt: facts.effectiveAt,
      canceledBy: c.canceled_by,
      canceledAt: facts.canceledAt,
      lines: own.map((l) => ({
        licensingId: l.licensing_id,
        number: l.number,
        name: l.name,
        programCode: l.program_code,
        oldPartner: l.old_name && l.old_number ? { name: l.old_name, number: l.old_number } : null,
        status: changeStatus({ ...facts, completedAt: completedAt(l) }, now),
        completedAt: completedAt(l),
      })),
    };
  });
}
