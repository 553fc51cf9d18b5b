import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { startDailyJob } from '../../platform/daily-job.js';
import type { Db } from '../../platform/db/client.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { administratorsOfRecord } from '../permissions/admins.js';
import { enqueueProvisioning } from '../provisioning/enqueue.js';
import { settleActivation } from './activation.js';
import { enrollmentOf } from './facts.js';
import { accountName } from './linking.js';
import { onlineServicesMails } from './mails.js';
import { dayOf, MAIL_LEAD_HOURS } from './rules.js';

/**
 * R-OS-4: activations that waited for their usage date, once within 48 hours of it, go through
 * the rules again (the enrollment may have been linked meanwhile) and are mailed. Each row is
 * locked and skipped by a second node running at the same time.
 */
export async function sendScheduledActivations(deps: { db: Db; config: Config }, now: Date): Promise<number> {
  const until = dayOf(new Date(now.getTime() + MAIL_LEAD_HOURS * 3_600_000));
  const due = await deps.db.execute<{ id: string }>(
    sql`select id from service_activation where status = 'SCHEDULED' and usage_date <= ${until} order by usage_date`,
  );
  let sent = 0;
  for (const { id } of due.rows) {
    await deps.db.transaction(async (tx) => {
      const res = await tx.execute<{
        licensing_id: string;
        product_id: string;
        purchase_date: string;
        usage_date: string;
        status: string;
      }>(sql`
        select licensing_id, product_id, purchase_date, usage_date, status from service_activation
        where id = ${id} and status = 'SCHEDULED' for update skip locked`);
      const a = res.rows[0];
      if (!a) return;
      const e = await enrollmentOf(tx, a.licensing_id);
      if (!e) return;
      await settleActivation(tx, deps.config, now, null, e, {
        id,
        licensingId: a.licensing_id,
        productId: a.product_id,
        purchaseDate: a.purchase_date,
        usageDate: a.usage_date,
        status: a.status,
      });
      sent += 1;
    });
  }
  return sent;
}

/**
 * R-OS-6: subscriptions In Grace past their grace period are de-provisioned: the publisher's
 * provisioning is told ('service.deprovision') and the old enrollment's Administrators are mailed.
 */
export async function deprovisionAfterGrace(deps: { db: Db; config: Config }, now: Date): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const ended = await tx.execute<{ id: string; licensing_id: string; account_id: string; product_id: string; grace_ends_on: string }>(sql`
      update service_subscription set status = 'DEPROVISIONED', deprovisioned_at = ${now}
      where id in (select id from service_subscription where status = 'IN_GRACE' and grace_ends_on <= ${dayOf(now)} for update skip locked)
      returning id, licensing_id, account_id, product_id, grace_ends_on`);
    const byEnrollment = new Map<string, typeof ended.rows>();
    for (const r of ended.rows) byEnrollment.set(r.licensing_id, [...(byEnrollment.get(r.licensing_id) ?? []), r]);
    for (const [licensingId, subs] of byEnrollment) {
      const e = await enrollmentOf(tx, licensingId);
      const first = subs[0];
      if (!e || !first) continue;
      await enqueueProvisioning(
        tx,
        { now: () => now },
        {
          type: 'service.deprovision',
          subject: `licensing-id:${licensingId}`,
          data: { licensingId, accountId: first.account_id, subscriptions: subs.map((s) => s.id) },
        },
      );
      await audit(tx, null, {
        action: 'online-services.deprovision',
        targetType: 'licensing_id',
        targetId: licensingId,
        organizationId: e.organizationId,
        after: { accountId: first.account_id, subscriptions: subs.length, graceEndsOn: first.grace_ends_on },
      });
      const account = await accountName(tx, first.account_id);
      for (const admin of await administratorsOfRecord(tx, licensingId)) {
        await enqueueMail(tx, {
          to: admin.email,
          locale: admin.locale,
          template: onlineServicesMails.subscriptionsDeprovisioned,
          params: {
            firstName: admin.firstName || admin.email,
            licensingName: e.name,
            licensingNumber: e.number,
            account,
            graceEndsOn: first.grace_ends_on,
            url: `${deps.config.publicUrl}/online-services`,
          },
        });
      }
    }
    return ended.rows.length;
  });
}

/** The day's online-services work, once per day of the clock (server.ts starts it). */
export function startOnlineServicesSchedule(
  deps: { db: Db; config: Config; clock: Clock },
  { pollMs, onError }: { pollMs?: number; onError?: (e: unknown) => void } = {},
) {
  return startDailyJob({
    clock: deps.clock,
    pollMs,
    onError,
    run: async () => {
      const now = deps.clock.now();
      await sendScheduledActivations(deps, now);
      await deprovisionAfterGrace(deps, now);
    },
  });
}
