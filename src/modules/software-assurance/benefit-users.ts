import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { normalizeEmail } from '../identity/rules.js';
import { lockBenefit, mustManageBenefit } from './activate.js';
import type { BenefitWithUsers } from './benefits.js';
import { BENEFIT_NAMES, saMails } from './mails.js';
import { notOffered } from './rules.js';
import type { BenefitReader } from './service.js';
import { readableCode, useRefusal } from './voucher-rules.js';
import { organizationOf } from './vouchers.js';

export interface BenefitUser {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  addedAt: string;
}
export type BenefitUserInput = Omit<BenefitUser, 'id' | 'addedAt'>;

/** A deleted user is kept as a cancelled use (its unit back on the benefit), so only the others are listed. */
async function usersOf(tx: DbOrTx, licensingId: string, benefit: BenefitWithUsers, id?: string): Promise<BenefitUser[]> {
  const res = await tx.execute<BenefitUser & Record<string, unknown>>(sql`
    select id, holder_name as name, holder_email as email, holder_locale as locale, created_at as "addedAt" from sa_benefit_use
    where licensing_id = ${licensingId} and benefit = ${benefit} and kind = 'BENEFIT_USER' and status <> 'CANCELLED'
      ${id ? sql`and id = ${id}` : sql``}
    order by holder_name, id`);
  return res.rows.map((r) => ({ ...r, addedAt: new Date(r.addedAt).toISOString() }));
}

export function createBenefitUsers({ db, clock, reader }: { db: Db; clock: Clock; reader: BenefitReader }) {
  /**
   * Every change is made under the benefit's lock, by someone who manages it, on an Activated
   * benefit (R-SA-2); `take` is the units it needs, so an add never passes what remains.
   */
  async function changing<T>(actor: Actor, licensingId: string, benefit: BenefitWithUsers, take: number, work: (tx: DbOrTx) => Promise<T>) {
    return db.transaction(async (tx) => {
      await lockBenefit(tx, licensingId, benefit);
      await mustManageBenefit(tx, actor, licensingId, benefit);
      const b = await reader.benefitOf(tx, licensingId, benefit);
      const refusal = useRefusal(b, take);
      if (refusal === 'SA_BENEFIT_NOT_OFFERED') throw notOffered();
      if (refusal) throw conflict(refusal, 'The users of this benefit cannot be changed now.', { benefit, benefitStatus: b?.status });
      return work(tx);
    });
  }

  async function mustBeOne(tx: DbOrTx, licensingId: string, benefit: BenefitWithUsers, id: string) {
    const [u] = await usersOf(tx, licensingId, benefit, id);
    if (!u) throw notFound('benefit user');
    return u;
  }

  async function refuseTaken(tx: DbOrTx, licensingId: string, benefit: BenefitWithUsers, email: string, except?: string) {
    if ((await usersOf(tx, licensingId, benefit)).some((u) => u.email === email && u.id !== except)) {
      throw conflict('SA_BENEFIT_USER_EXISTS', 'This address is already a user of the benefit.', { email });
    }
  }

  /** R-SA-6: the user's instructions, in the language chosen for them. */
  async function mailInstructions(tx: DbOrTx, licensingId: string, benefit: BenefitWithUsers, u: BenefitUserInput) {
    await enqueueMail(tx, {
      to: u.email,
      locale: u.locale,
      template: saMails.benefitUserInstructions,
      params: { name: u.name, organization: await organizationOf(tx, licensingId), benefit: BENEFIT_NAMES[u.locale][benefit] },
    });
  }

  const auditOf = (actor: Actor, licensingId: string, action: 'add' | 'edit' | 'delete' | 'resend', tx: DbOrTx, change: object) =>
    audit(tx, actor, { action: `sa.benefit-user.${action}`, targetType: 'licensing_id', targetId: licensingId, ...change });

  return {
    list: (licensingId: string, benefit: BenefitWithUsers) => usersOf(db, licensingId, benefit),

    /** R-SA-6: a user takes one unit of the benefit and is mailed how to use it. */
    add: (actor: Actor, licensingId: string, benefit: BenefitWithUsers, input: BenefitUserInput) =>
      changing(actor, licensingId, benefit, 1, async (tx) => {
        const u = { ...input, email: normalizeEmail(input.email) };
        await refuseTaken(tx, licensingId, benefit, u.email);
        const inserted = await tx.execute<{ id: string }>(sql`
          insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale, created_by, created_at)
          values (${licensingId}, ${benefit}, 'BENEFIT_USER', 1, ${readableCode('BU')}, ${u.name}, ${u.email}, ${u.locale},
            ${actor.userId}, ${clock.now().toISOString()})
          returning id`);
        const id = inserted.rows[0]?.id ?? '';
        await auditOf(actor, licensingId, 'add', tx, { after: { benefit, userId: id, email: u.email, locale: u.locale } });
        await mailInstructions(tx, licensingId, benefit, u);
        return mustBeOne(tx, licensingId, benefit, id);
      }),

    /** R-SA-6: name, address or language corrected; the unit stays taken. A new address gets the instructions. */
    edit: (actor: Actor, licensingId: string, benefit: BenefitWithUsers, id: string, input: BenefitUserInput) =>
      changing(actor, licensingId, benefit, 0, async (tx) => {
        const before = await mustBeOne(tx, licensingId, benefit, id);
        const u = { ...input, email: normalizeEmail(input.email) };
        await refuseTaken(tx, licensingId, benefit, u.email, id);
        await tx.execute(
          sql`update sa_benefit_use set holder_name = ${u.name}, holder_email = ${u.email}, holder_locale = ${u.locale} where id = ${id}`,
        );
        await auditOf(actor, licensingId, 'edit', tx, {
          before: { benefit, userId: id, name: before.name, email: before.email, locale: before.locale },
          after: { name: u.name, email: u.email, locale: u.locale },
        });
        if (u.email !== before.email) await mailInstructions(tx, licensingId, benefit, u);
        return mustBeOne(tx, licensingId, benefit, id);
      }),

    /** R-SA-6: the user is removed and their unit returns to the benefit. */
    remove: (actor: Actor, licensingId: string, benefit: BenefitWithUsers, id: string) =>
      changing(actor, licensingId, benefit, 0, async (tx) => {
        const before = await mustBeOne(tx, licensingId, benefit, id);
        await tx.execute(sql`update sa_benefit_use set status = 'CANCELLED', cancelled_at = ${clock.now().toISOString()} where id = ${id}`);
        await auditOf(actor, licensingId, 'delete', tx, { before: { benefit, userId: id, email: before.email } });
      }),

    /** R-SA-6: the instructions again, in the user's language. */
    resend: (actor: Actor, licensingId: string, benefit: BenefitWithUsers, id: string) =>
      changing(actor, licensingId, benefit, 0, async (tx) => {
        const u = await mustBeOne(tx, licensingId, benefit, id);
        await auditOf(actor, licensingId, 'resend', tx, { after: { benefit, userId: id, email: u.email } });
        await mailInstructions(tx, licensingId, benefit, u);
        return u;
      }),
  };
}
