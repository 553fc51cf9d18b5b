import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { lockBenefit, mustManageBenefit } from './activate.js';
import { saMails } from './mails.js';
import { notOffered } from './rules.js';
import type { BenefitReader } from './service.js';
import { cancelRefusal, newVoucherNumber, useRefusal, type VoucherStatus } from './voucher-rules.js';

const BENEFIT = 'TRAINING_VOUCHERS';

export interface Voucher {
  id: string;
  voucherNumber: string;
  days: number;
  status: VoucherStatus;
  employeeName: string;
  employeeEmail: string;
  locale: Locale;
  assignedAt: string;
  cancelledAt: string | null;
  /** R-SA-5: when a training provider redeemed it, and that provider's name. */
  redeemedAt: string | null;
  redeemedBy: string | null;
}

const columns = sql`id, reference as "voucherNumber", quantity as days, status, holder_name as "employeeName",
  holder_email as "employeeEmail", holder_locale as locale, created_at as "assignedAt", cancelled_at as "cancelledAt", redeemed_at as "redeemedAt",
  (select p.name from training_provider p where p.id = redeemed_by) as "redeemedBy"`;

async function vouchersOf(tx: DbOrTx, licensingId: string, id?: string): Promise<Voucher[]> {
  const res = await tx.execute<Voucher & Record<string, unknown>>(sql`
    select ${columns} from sa_benefit_use
    where licensing_id = ${licensingId} and kind = 'TRAINING_VOUCHER' ${id ? sql`and id = ${id}` : sql``}
    order by created_at desc, id`);
  return res.rows.map((r) => ({
    ...r,
    assignedAt: new Date(r.assignedAt).toISOString(),
    cancelledAt: r.cancelledAt ? new Date(r.cancelledAt).toISOString() : null,
    redeemedAt: r.redeemedAt ? new Date(r.redeemedAt).toISOString() : null,
  }));
}

export interface VoucherAssignment {
  employeeName: string;
  employeeEmail: string;
  locale: Locale;
  days: number;
}

export function createTrainingVouchers({ db, clock, reader }: { db: Db; clock: Clock; reader: BenefitReader }) {
  const mustManage = (tx: DbOrTx, actor: Actor, licensingId: string) => mustManageBenefit(tx, actor, licensingId, BENEFIT);

  return {
    list: (licensingId: string) => vouchersOf(db, licensingId),

    /**
     * R-SA-5: days of an Activated Training Vouchers benefit go to one employee, who is mailed the
     * voucher number in the language chosen. The benefit's lock is held from reading what remains
     * to inserting the voucher, so concurrent assignments see each other and never overdraw it.
     */
    async assign(actor: Actor, licensingId: string, a: VoucherAssignment): Promise<Voucher> {
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        await mustManage(tx, actor, licensingId);
        const benefit = await reader.benefitOf(tx, licensingId, BENEFIT);
        const refusal = useRefusal(benefit, a.days);
        if (refusal === 'SA_BENEFIT_NOT_OFFERED') throw notOffered();
        if (refusal || !benefit) {
          throw conflict(refusal ?? 'SA_BENEFIT_NOT_OFFERED', 'These days cannot be assigned now.', {
            benefit: BENEFIT,
            benefitStatus: benefit?.status,
            remaining: benefit?.quantityRemaining,
            requested: a.days,
          });
        }
        const number = newVoucherNumber();
        const inserted = await tx.execute<{ id: string }>(sql`
          insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale, created_by, created_at)
          values (${licensingId}, ${BENEFIT}, 'TRAINING_VOUCHER', ${a.days}, ${number}, ${a.employeeName}, ${a.employeeEmail},
            ${a.locale}, ${actor.userId}, ${clock.now().toISOString()})
          returning id`);
        const id = inserted.rows[0]?.id ?? '';
        await audit(tx, actor, {
          action: 'sa.voucher.assign',
          targetType: 'licensing_id',
          targetId: licensingId,
          after: { benefit: BENEFIT, voucherId: id, days: a.days, employeeEmail: a.employeeEmail },
        });
        const org = await organizationOf(tx, licensingId);
        await enqueueMail(tx, {
          to: a.employeeEmail,
          locale: a.locale,
          template: saMails.voucherAssigned,
          params: { name: a.employeeName, organization: org, days: a.days, voucher: number, validUntil: benefit.expiresOn ?? '' },
        });
        const [voucher] = await vouchersOf(tx, licensingId, id);
        if (!voucher) throw notFound('voucher');
        return voucher;
      });
    },

    /** R-SA-5: a voucher not yet redeemed is cancelled and its days return to the benefit (not once it expired); the employee is told. */
    async cancel(actor: Actor, licensingId: string, voucherId: string): Promise<Voucher> {
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        const [before] = await vouchersOf(tx, licensingId, voucherId);
        if (!before) throw notFound('voucher');
        await mustManage(tx, actor, licensingId);
        const refusal = cancelRefusal(before.status);
        if (refusal) throw conflict(refusal, 'This voucher cannot be cancelled.', { voucherId });
        // R-SA-2: an expired benefit takes no further action, so its days are not handed back either.
        if ((await reader.benefitOf(tx, licensingId, BENEFIT))?.status === 'EXPIRED') {
          throw conflict('SA_BENEFIT_EXPIRED', 'The coverage of this benefit has expired.', { benefit: BENEFIT });
        }
        await tx.execute(
          sql`update sa_benefit_use set status = 'CANCELLED', cancelled_at = ${clock.now().toISOString()} where id = ${voucherId}`,
        );
        await audit(tx, actor, {
          action: 'sa.voucher.cancel',
          targetType: 'licensing_id',
          targetId: licensingId,
          before: { benefit: BENEFIT, voucherId, days: before.days, status: before.status },
          after: { status: 'CANCELLED' },
        });
        await enqueueMail(tx, {
          to: before.employeeEmail,
          locale: before.locale,
          template: saMails.voucherCancelled,
          params: { name: before.employeeName, organization: await organizationOf(tx, licensingId), days: before.days },
        });
        const [after] = await vouchersOf(tx, licensingId, voucherId);
        if (!after) throw notFound('voucher');
        return after;
      });
    },
  };
}

export async function organizationOf(tx: DbOrTx, licensingId: string): Promise<string> {
  const res = await tx.execute<{ name: string }>(sql`
    select o.name from licensing_id l join organization o on o.id = l.organization_id where l.id = ${licensingId}`);
  return res.rows[0]?.name ?? '';
}
