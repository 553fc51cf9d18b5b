import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { holdersSql } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMails } from '../../platform/mail/outbox.js';
import { lockBenefit } from './activate.js';
import type { BenefitCode } from './benefits.js';
import { BENEFIT_NAMES, saMails } from './mails.js';
import { notOffered } from './rules.js';
import type { BenefitReader } from './service.js';

/** R-SA-2: who hears of a hold: the Licensing ID's Administrators and SA Managers (the holders of `sa.manage`). */
export async function benefitManagers(tx: DbOrTx, licensingId: string) {
  const res = await tx.execute<{ email: string; first_name: string; locale: Locale }>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.id in (${holdersSql(licensingId, 'sa.manage')}) and u.status = 'active' order by u.email`);
  return res.rows;
}

/**
 * R-SA-2: the benefits of a Licensing ID on hold, since when and why. The reason is read from the
 * hold's audit entry, where it is recorded once, rather than kept a second time beside the state.
 */
async function holdsOf(tx: DbOrTx, licensingId: string) {
  const res = await tx.execute<{ benefit: BenefitCode; since: string; reason: string | null }>(sql`
    select s.benefit, to_char(s.hold_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since,
      (select a.after->>'reason' from audit_log a
        where a.licensing_ids @> array[${licensingId}::uuid] and a.action = 'sa.benefit.hold' and a.after->>'benefit' = s.benefit::text
        order by a.id desc limit 1) as reason
    from sa_benefit_state s
    where s.licensing_id = ${licensingId} and s.on_hold and s.hold_changed_at is not null
    order by s.benefit`);
  return res.rows;
}

export function createBenefitHold({ db, clock, config, reader }: { db: Db; clock: Clock; config: Config; reader: BenefitReader }) {
  /**
   * R-SA-2: the publisher sets HAR (hold awaiting reactivation) on a benefit, or lifts it; an
   * expired benefit takes no further action. The hold keeps the customer's activation, so lifting
   * it returns the benefit to where it was. The publisher says why: the managers are told and the
   * audit keeps it, since the customer has no other way to learn what to do about it.
   */
  async function change(actor: Actor, licensingId: string, benefit: BenefitCode, hold: boolean, reason: string) {
    return db.transaction(async (tx) => {
      await lockBenefit(tx, licensingId, benefit);
      const current = await reader.ofLicensingId(tx, licensingId);
      const before = current?.benefits.find((b) => b.benefit === benefit);
      if (!current) throw notFound('Licensing ID');
      if (!before) throw notOffered();
      if (before.status === 'EXPIRED') throw conflict('SA_BENEFIT_EXPIRED', 'The coverage of this benefit has expired.', { benefit });
      if (hold && before.status === 'HAR') throw conflict('SA_BENEFIT_ON_HOLD', 'This benefit is already on hold.', { benefit });
      if (!hold && before.status !== 'HAR') throw conflict('SA_BENEFIT_NOT_ON_HOLD', 'This benefit is not on hold.', { benefit });
      await tx.execute(sql`
        insert into sa_benefit_state (licensing_id, benefit, on_hold, hold_changed_at)
        values (${licensingId}, ${benefit}, ${hold}, ${clock.now().toISOString()})
        on conflict (licensing_id, benefit) do update set on_hold = excluded.on_hold, hold_changed_at = excluded.hold_changed_at`);
      await audit(tx, actor, {
        action: hold ? 'sa.benefit.hold' : 'sa.benefit.release',
        targetType: 'licensing_id',
        targetId: licensingId,
        organizationId: current.licensingId.organizationId,
        before: { benefit, status: before.status },
        after: { benefit, hold, reason },
      });
      const lid = current.licensingId;
      const url = `${config.publicUrl}/software-assurance/${licensingId}`;
      await enqueueMails(
        tx,
        (await benefitManagers(tx, licensingId)).map((m) => ({
          to: m.email,
          locale: m.locale,
          template: hold ? saMails.benefitHeld : saMails.benefitReleased,
          params: {
            firstName: m.first_name,
            benefit: BENEFIT_NAMES[m.locale][benefit],
            licensingId: lid.number,
            licensingName: lid.name,
            reason,
            url,
          },
        })),
      );
      const after = await reader.ofLicensingId(tx, licensingId);
      const found = after?.benefits.find((b) => b.benefit === benefit);
      if (!found) throw notFound('benefit');
      return found;
    });
  }
  return {
    holdsOf: (licensingId: string) => holdsOf(db, licensingId),
    hold: (actor: Actor, licensingId: string, benefit: BenefitCode, reason: string) => change(actor, licensingId, benefit, true, reason),
    release: (actor: Actor, licensingId: string, benefit: BenefitCode, reason: string) =>
      change(actor, licensingId, benefit, false, reason),
  };
}
