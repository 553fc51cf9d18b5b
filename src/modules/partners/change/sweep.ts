import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { startPolling } from '../../../platform/polling.js';
import { recordPartner } from '../record.js';
import { partnerChangeMails } from './mails.js';
import { mailCustomer, mailDate } from './notify.js';
import { loadChanges } from './read.js';
import { partnerChange, partnerChangeLine } from './tables.js';

type SweepDeps = Pick<ModuleDeps, 'db' | 'config'>;
type Who = Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null;

/**
 * One due request at a time, each in its own transaction, leased with SKIP LOCKED: several app
 * nodes sweeping at once never handle the same request twice, and one failing request does not
 * undo the others.
 */
async function eachDue(db: Db, due: ReturnType<typeof sql>, handle: (tx: Tx, id: string) => Promise<void>): Promise<number> {
  let done = 0;
  // A bound, so that a request whose handling keeps it due cannot spin the sweep forever.
  for (let i = 0; i < 10_000; i++) {
    const handled = await db.transaction(async (tx) => {
      const [row] = (await tx.execute<{ id: string }>(sql`${due} limit 1 for update skip locked`)).rows;
      if (!row) return false;
      await handle(tx, row.id);
      return true;
    });
    if (!handled) break;
    done++;
  }
  return done;
}

/**
 * R-REL-6: what time alone changes. A request unanswered past its answer period is noted as
 * expired (its Licensing IDs freed, the customer told); an accepted one whose grace period has
 * ended is completed: recordPartner makes the new partner partner of record, as of the day the
 * change took effect. `now` is passed in (the worker's clock, a test's, the operator's request).
 */
export async function sweepPartnerChanges({ db, config }: SweepDeps, now: Date, who: Who = null) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = await eachDue(
    db,
    sql`select id from partner_change where decision is null and canceled_at is null and expiry_noted_at is null and respond_by <= ${at} order by respond_by`,
    async (tx, id) => {
      await tx.update(partnerChange).set({ expiryNotedAt: now }).where(eq(partnerChange.id, id));
      await tx.update(partnerChangeLine).set({ open: false }).where(eq(partnerChangeLine.changeId, id));
      const [change] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
      if (!change) return;
      await audit(tx, who, {
        action: 'partner-change.expire',
        targetType: 'partner_change',
        targetId: id,
        organizationId: change.organizationId,
        licensingIds: change.lines.map((l) => l.licensingId),
        after: { reference: change.reference, status: change.status, respondBy: change.respondBy },
      });
      await mailCustomer(
        tx,
        change,
        partnerChangeMails.partnerChangeExpired,
        (locale) => ({ respondBy: mailDate(change.respondBy, locale) }),
        config.publicUrl,
      );
    },
  );
  const completed = await eachDue(
    db,
    sql`select c.id from partner_change c where c.decision = 'ACCEPTED' and c.canceled_at is null and c.effective_at <= ${at}
      and exists (select 1 from partner_change_line l where l.change_id = c.id and l.completed_at is null) order by c.effective_at`,
    async (tx, id) => {
      const [before] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
      if (!before?.effectiveAt) return;
      const pending = before.lines.filter((l) => !l.completedAt).map((l) => l.licensingId);
      const previous = await recordPartner(tx, pending, before.newPartnerOrganizationId, before.effectiveAt);
      await tx
        .update(partnerChangeLine)
        .set({ completedAt: now, open: false })
        .where(and(eq(partnerChangeLine.changeId, id), isNull(partnerChangeLine.completedAt)));
      const [after] = await loadChanges(tx, { kind: 'system' }, sql`c.id = ${id}`, now);
      if (!after) return;
      await audit(tx, who, {
        action: 'partner-change.complete',
        targetType: 'partner_change',
        targetId: id,
        organizationId: after.organizationId,
        licensingIds: pending,
        before: { partnerOfRecord: Object.fromEntries(previous) },
        after: {
          reference: after.reference,
          status: after.status,
          licensingIds: after.lines.map((l) => l.number),
          partner: after.newPartner,
          effectiveAt: after.effectiveAt,
        },
      });
      await mailCustomer(tx, after, partnerChangeMails.partnerChangeCompleted, () => ({}), config.publicUrl);
    },
  );
  return { expired, completed };
}

/** Runs the sweep every PARTNER_CHANGE_SWEEP_SECONDS on the server, as the mail dispatcher polls the outbox. */
export function startPartnerChangeSweeper(deps: SweepDeps & Pick<ModuleDeps, 'clock'>, onError?: (e: unknown) => void) {
  return startPolling(() => sweepPartnerChanges(deps, deps.clock.now()), deps.config.PARTNER_CHANGE_SWEEP_SECONDS * 1000, onError);
}
