import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail, enqueueMails } from '../../../platform/mail/outbox.js';
import { lockBenefit } from '../activate.js';
import { benefitManagers } from '../hold.js';
import { saMails } from '../mails.js';
import type { BenefitReader } from '../service.js';
import { redeemRefusal, type VoucherStatus } from '../voucher-rules.js';

const BENEFIT = 'TRAINING_VOUCHERS';

interface VoucherRow {
  id: string;
  licensing_id: string;
  reference: string;
  quantity: number;
  status: VoucherStatus;
  holder_name: string;
  holder_email: string;
  holder_locale: Locale;
  redeemed_at: string | Date | null;
  redeemed_by: string | null;
  organization_id: string;
  organization: string;
  licensing_number: string;
  licensing_name: string;
}

export interface ProviderVoucher {
  voucherNumber: string;
  days: number;
  status: VoucherStatus;
  employeeName: string;
  organization: string;
  validUntil: string | null;
  redeemable: boolean;
  refusal: string | null;
  redeemedAt: string | null;
  redeemedByYou: boolean;
}

/** Voucher numbers are printed in capitals; a provider may type them in any case. */
const normalized = (voucherNumber: string) => voucherNumber.trim().toUpperCase();

async function voucherByNumber(tx: DbOrTx, voucherNumber: string): Promise<VoucherRow> {
  const res = await tx.execute<VoucherRow & Record<string, unknown>>(sql`
    select u.id, u.licensing_id, u.reference, u.quantity, u.status, u.holder_name, u.holder_email, u.holder_locale,
      u.redeemed_at, u.redeemed_by, o.id as organization_id, o.name as organization, l.number as licensing_number, l.name as licensing_name
    from sa_benefit_use u
    join licensing_id l on l.id = u.licensing_id
    join organization o on o.id = l.organization_id
    where u.reference = ${normalized(voucherNumber)} and u.kind = 'TRAINING_VOUCHER'`);
  const row = res.rows[0];
  if (!row) throw new DomainError('SA_VOUCHER_UNKNOWN', 404, 'No training voucher has this number.');
  return row;
}

/**
 * R-SA-5: a training provider, through its own credential (`training.redeem`), looks up a voucher
 * by the number the employee quotes and redeems it whole.
 */
export function createVoucherRedemption({ db, clock, config, reader }: { db: Db; clock: Clock; config: Config; reader: BenefitReader }) {
  async function view(tx: DbOrTx, actor: Actor, row: VoucherRow): Promise<ProviderVoucher> {
    const benefit = await reader.benefitOf(tx, row.licensing_id, BENEFIT);
    const refusal = redeemRefusal(row.status, benefit?.status);
    return {
      voucherNumber: row.reference,
      days: row.quantity,
      status: row.status,
      employeeName: row.holder_name,
      organization: row.organization,
      validUntil: benefit?.expiresOn ?? null,
      redeemable: refusal === null,
      refusal,
      redeemedAt: row.redeemed_at ? new Date(row.redeemed_at).toISOString() : null,
      redeemedByYou: row.redeemed_by === actor.userId,
    };
  }

  return {
    lookup: async (actor: Actor, voucherNumber: string) => view(db, actor, await voucherByNumber(db, voucherNumber)),

    /**
     * The whole voucher is spent: status REDEEMED, its days stay used, the provider and time are
     * recorded. The benefit's lock (shared with assigning and cancelling) is taken before the
     * status is read, and the update is conditional on the voucher still being ASSIGNED, so of two
     * concurrent redemptions exactly one succeeds; the other is refused SA_VOUCHER_REDEEMED.
     */
    async redeem(actor: Actor, voucherNumber: string): Promise<ProviderVoucher> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await voucherByNumber(tx, voucherNumber);
        await lockBenefit(tx, found.licensing_id, BENEFIT);
        const row = await voucherByNumber(tx, voucherNumber);
        const benefit = await reader.benefitOf(tx, row.licensing_id, BENEFIT);
        const refusal = redeemRefusal(row.status, benefit?.status);
        if (refusal) throw conflict(refusal, 'This training voucher cannot be redeemed.', { voucherNumber: row.reference });
        const updated = await tx.execute(sql`
          update sa_benefit_use set status = 'REDEEMED', redeemed_at = ${now.toISOString()}, redeemed_by = ${actor.userId}
          where id = ${row.id} and status = 'ASSIGNED'`);
        if (!updated.rowCount) throw conflict('SA_VOUCHER_REDEEMED', 'This training voucher was already redeemed.');
        const provider = (
          await tx.execute<{ name: string; number: string }>(sql`select name, number from training_provider where id = ${actor.userId}`)
        ).rows[0] ?? { name: '', number: '' };
        await audit(tx, actor, {
          action: 'sa.voucher.redeem',
          targetType: 'licensing_id',
          targetId: row.licensing_id,
          organizationId: row.organization_id,
          before: { benefit: BENEFIT, voucherId: row.id, status: row.status },
          after: { status: 'REDEEMED', days: row.quantity, providerId: actor.userId, providerNumber: provider.number },
        });
        const at = now.toISOString().slice(0, 16).replace('T', ' ');
        await enqueueMail(tx, {
          to: row.holder_email,
          locale: row.holder_locale,
          template: saMails.voucherRedeemed,
          params: { name: row.holder_name, organization: row.organization, days: row.quantity, provider: provider.name, at },
        });
        await enqueueMails(
          tx,
          (await benefitManagers(tx, row.licensing_id)).map((m) => ({
            to: m.email,
            locale: m.locale,
            template: saMails.voucherRedeemedManagers,
            params: {
              firstName: m.first_name,
              employee: row.holder_name,
              days: row.quantity,
              licensingId: row.licensing_number,
              licensingName: row.licensing_name,
              provider: provider.name,
              at,
              url: `${config.publicUrl}/software-assurance/${row.licensing_id}`,
            },
          })),
        );
        return view(tx, actor, await voucherByNumber(tx, voucherNumber));
      });
    },
  };
}
