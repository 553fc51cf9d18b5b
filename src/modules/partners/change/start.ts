import { sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../../platform/authz/scope.js';
import type { Tx } from '../../../platform/db/client.js';
import { conflict, invalid, notFound } from '../../../platform/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { isPersonalAddress, normalizeEmail } from '../../identity/rules.js';
import { partnerChangeMails } from './mails.js';
import { mailDate, mailNewPartner, partnerPath } from './notify.js';
import { loadChanges } from './read.js';
import { addDays, type ChosenLicensingId, startRefusal } from './rules.js';
import type { StartPartnerChange } from './schemas.js';
import { partnerChange, partnerChangeLine } from './tables.js';

const OPEN_LINE_KEY = 'partner_change_line_open_key';

/** Whether an error is the open-line index refusing a second open change of a Licensing ID (two starts at once). */
export function isOpenLineClash(e: unknown): boolean {
  for (let err: unknown = e; err && typeof err === 'object'; err = (err as { cause?: unknown }).cause) {
    const pg = err as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === OPEN_LINE_KEY) return true;
  }
  return false;
}

export const alreadyOpen = (numbers: string[]) =>
  conflict('PARTNER_CHANGE_ALREADY_OPEN', 'A Licensing ID is already in a change of channel partner that has not ended.', {
    licensingIds: numbers,
  });

/**
 * R-REL-6: an Administrator starts the change for Licensing IDs they administer, naming the new
 * partner by its number and its notification contact. Refused, with nothing written, for a
 * Licensing ID outside their partner.change scope (404, as if absent), an unknown partner number,
 * a personal contact address, and whatever startRefusal says. Returns the new request's id.
 */
export async function startChange(tx: Tx, deps: ModuleDeps, actor: Actor, input: StartPartnerChange): Promise<string> {
  const { config, clock } = deps;
  const now = clock.now();
  const ids = [...new Set(input.licensingIds)];
  const email = normalizeEmail(input.contact.email);
  if (isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS))
    throw invalid('PARTNER_CHANGE_CONTACT_PERSONAL_ADDRESS', 'The partner’s notification contact needs a work e-mail address.');

  const chosen = await tx.execute<{
    id: string;
    number: string;
    program_code: string;
    status: string;
    end_date: string | null;
    partner: string | null;
  }>(sql`
    select li.id, li.number, li.program_code, li.status, li.end_date, por.partner_organization_id as partner
    from licensing_id li left join partner_of_record por on por.licensing_id = li.id
    where li.id = any(${sql.param(ids)}::uuid[]) and li.id in (${visibleLicensingIdsSql(actor, 'partner.change')})`);
  if (chosen.rows.length !== ids.length) throw notFound('Licensing ID');

  const [partner] = (
    await tx.execute<{ organization_id: string }>(
      sql`select organization_id from channel_partner where upper(number) = upper(${input.partnerNumber.trim()})`,
    )
  ).rows;
  if (!partner) throw invalid('PARTNER_CHANGE_PARTNER_UNKNOWN', 'No channel partner has this partner number.');

  // A request left unanswered past its answer period no longer holds its Licensing IDs, whether or
  // not the sweep has noted it yet (the status is derived from the time, not from the sweep).
  await tx.execute(sql`
    update partner_change_line l set open = false from partner_change c
    where c.id = l.change_id and l.open and l.licensing_id = any(${sql.param(ids)}::uuid[])
      and c.decision is null and c.canceled_at is null and c.respond_by <= ${now.toISOString()}::timestamptz`);
  const open = new Set(
    (
      await tx.execute<{ licensing_id: string }>(
        sql`select licensing_id from partner_change_line where open and licensing_id = any(${sql.param(ids)}::uuid[])`,
      )
    ).rows.map((r) => r.licensing_id),
  );
  const facts: ChosenLicensingId[] = chosen.rows.map((r) => ({
    number: r.number,
    programCode: r.program_code,
    status: r.status,
    endDate: r.end_date,
    partnerOfRecord: r.partner,
    inOpenChange: open.has(r.id),
  }));
  const refusal = startRefusal(facts, partner.organization_id, now);
  if (refusal?.code === 'PARTNER_CHANGE_ALREADY_OPEN') throw alreadyOpen(refusal.numbers);
  if (refusal)
    throw conflict(refusal.code, 'The channel partner of these Licensing IDs cannot be changed.', { licensingIds: refusal.numbers });

  const [row] = await tx
    .insert(partnerChange)
    .values({
      organizationId: actor.organizationId,
      newPartnerOrganizationId: partner.organization_id,
      contactName: input.contact.name,
      contactEmail: email,
      requestedBy: actor.userId,
      requestedAt: now,
      respondBy: addDays(now, config.PARTNER_CHANGE_ANSWER_DAYS),
    })
    .returning({ id: partnerChange.id });
  if (!row) throw new Error('partner change not stored');
  await tx
    .insert(partnerChangeLine)
    .values(chosen.rows.map((r) => ({ changeId: row.id, licensingId: r.id, oldPartnerOrganizationId: r.partner })));

  const [change] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${row.id}`, now);
  if (!change) throw new Error('partner change not readable');
  await audit(tx, actor, {
    action: 'partner-change.start',
    targetType: 'partner_change',
    targetId: row.id,
    licensingIds: ids,
    after: {
      reference: change.reference,
      licensingIds: change.lines.map((l) => l.number),
      newPartner: change.newPartner,
      oldPartners: change.lines.map((l) => ({ licensingId: l.number, partner: l.oldPartner?.number ?? null })),
      contact: change.contact,
      respondBy: change.respondBy,
    },
  });
  await mailNewPartner(tx, change, partnerChangeMails.partnerChangeRequested, (locale) => ({
    requester: change.requestedBy,
    respondBy: mailDate(change.respondBy, locale),
    graceDays: config.PARTNER_CHANGE_GRACE_DAYS,
    url: `${config.publicUrl}${partnerPath(row.id)}`,
  }));
  return row.id;
}
