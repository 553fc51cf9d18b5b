import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { conflict, forbidden, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { PARTNER_CHANGE_WORDS, partnerChangeMails } from './mails.js';
import { localeOfAddress, mailCustomer, mailDate, mailNewPartner, numbersOf } from './notify.js';
import { type ChangeScope, loadChanges, type PartnerChangeView } from './read.js';
import { addDays, type PartnerChangeDecision } from './rules.js';
import { partnerChange, partnerChangeLine } from './tables.js';

/**
 * The request in the scope, locked against a concurrent answer or cancel, and still in progress.
 * Another tenant's (or another partner's) request is 404, exactly as one that does not exist.
 */
async function inProgress(tx: Tx, scope: ChangeScope, id: string, now: Date): Promise<PartnerChangeView> {
  await tx.execute(sql`select 1 from partner_change where id = ${id} for update`);
  const [change] = await loadChanges(tx, scope, sql`c.id = ${id}`, now);
  if (!change) throw notFound('change of channel partner');
  if (change.status === 'EXPIRED')
    throw conflict('PARTNER_CHANGE_EXPIRED', 'The time to answer this change of channel partner has ended.', {
      respondBy: change.respondBy,
    });
  if (change.status !== 'IN_PROGRESS')
    throw conflict('PARTNER_CHANGE_NOT_IN_PROGRESS', 'This change of channel partner is no longer in progress.', {
      currentStatus: change.status,
    });
  return change;
}

const closeLines = (tx: Tx, id: string) =>
  tx
    .update(partnerChangeLine)
    .set({ open: false })
    .where(and(eq(partnerChangeLine.changeId, id), eq(partnerChangeLine.open, true)));

/**
 * R-REL-6: the new partner (any user of its organization) accepts or declines within the answer
 * period. Acceptance fixes when the change takes effect (now + the grace period); the requester and
 * the customer's Administrators are told either way, and at acceptance each old partner hears that
 * it hands over when the grace period ends.
 */
export async function decide(tx: Tx, deps: ModuleDeps, actor: Actor, id: string, decision: PartnerChangeDecision) {
  const { clock, config } = deps;
  const now = clock.now();
  const change = await inProgress(tx, { kind: 'partner', actor }, id, now);
  const effectiveAt = decision === 'ACCEPTED' ? addDays(now, config.PARTNER_CHANGE_GRACE_DAYS) : null;
  await tx.update(partnerChange).set({ decision, decidedBy: actor.userId, decidedAt: now, effectiveAt }).where(eq(partnerChange.id, id));
  if (decision === 'DECLINED') await closeLines(tx, id);
  const [after] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
  if (!after) throw notFound('change of channel partner');
  await audit(tx, actor, {
    action: decision === 'ACCEPTED' ? 'partner-change.accept' : 'partner-change.decline',
    targetType: 'partner_change',
    targetId: id,
    organizationId: change.organizationId,
    licensingIds: after.lines.map((l) => l.licensingId),
    before: { status: change.status },
    after: { reference: after.reference, status: after.status, licensingIds: after.lines.map((l) => l.number), effectiveAt },
  });
  const decidedBy = after.decidedBy ?? actor.email;
  if (decision === 'DECLINED') {
    await mailCustomer(tx, after, partnerChangeMails.partnerChangeDeclined, () => ({ decidedBy }), config.publicUrl);
    return;
  }
  const at = effectiveAt ?? now;
  const oldNames = [...new Set(after.lines.flatMap((l) => (l.oldPartner ? [l.oldPartner.name] : [])))];
  await mailCustomer(
    tx,
    after,
    partnerChangeMails.partnerChangeAccepted,
    (locale) => ({
      decidedBy,
      effectiveAt: mailDate(at, locale),
      oldPartners: oldNames.length ? oldNames.join(', ') : PARTNER_CHANGE_WORDS.noPartner[locale],
    }),
    config.publicUrl,
  );
  await mailOldPartners(tx, after, at);
}

/** Each old partner's notification address, once, naming only the Licensing IDs it hands over. */
async function mailOldPartners(tx: Tx, change: PartnerChangeView, effectiveAt: Date) {
  const old = await tx.execute<{ licensing_id: string; email: string; name: string }>(sql`
    select l.licensing_id, cp.notification_email as email, o.name
    from partner_change_line l join channel_partner cp on cp.organization_id = l.old_partner_organization_id
      join organization o on o.id = cp.organization_id
    where l.change_id = ${change.id}`);
  const byAddress = new Map<string, { name: string; ids: Set<string> }>();
  for (const r of old.rows) {
    const entry = byAddress.get(r.email) ?? { name: r.name, ids: new Set<string>() };
    entry.ids.add(r.licensing_id);
    byAddress.set(r.email, entry);
  }
  for (const [email, { name, ids }] of byAddress) {
    const locale = await localeOfAddress(tx, email);
    await enqueueMail(tx, {
      to: email,
      locale,
      template: partnerChangeMails.partnerChangeHandover,
      params: {
        customer: change.customer,
        reference: change.reference,
        partner: change.newPartner.name,
        oldPartner: name,
        licensingIds: numbersOf({ lines: change.lines.filter((l) => ids.has(l.licensingId)) }),
        effectiveAt: mailDate(effectiveAt, locale),
      },
    });
  }
}

/**
 * R-REL-6: the customer withdraws a request while it is in progress. The canceling Administrator
 * must administer every Licensing ID of it (a colleague's request for Licensing IDs they do not hold
 * partner.change on is theirs to see in part, not to withdraw).
 */
export async function cancel(tx: Tx, deps: ModuleDeps, actor: Actor, id: string) {
  const { clock, config } = deps;
  const now = clock.now();
  const change = await inProgress(tx, { kind: 'customer', actor }, id, now);
  const [all] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
  if (!all || all.lines.length !== change.lines.length) throw forbidden('partner.change');
  await tx.update(partnerChange).set({ canceledBy: actor.userId, canceledAt: now }).where(eq(partnerChange.id, id));
  await closeLines(tx, id);
  const [after] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
  if (!after) throw notFound('change of channel partner');
  await audit(tx, actor, {
    action: 'partner-change.cancel',
    targetType: 'partner_change',
    targetId: id,
    organizationId: change.organizationId,
    licensingIds: after.lines.map((l) => l.licensingId),
    before: { status: change.status },
    after: { reference: after.reference, status: after.status, licensingIds: after.lines.map((l) => l.number) },
  });
  const canceledBy = after.canceledBy ?? actor.email;
  await mailCustomer(tx, after, partnerChangeMails.partnerChangeCanceled, () => ({ canceledBy }), config.publicUrl);
  await mailNewPartner(tx, after, partnerChangeMails.partnerChangeWithdrawn, () => ({}));
}
