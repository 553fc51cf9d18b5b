import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { delegatedLicensingIdsSql } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import type { BenefitCode } from './benefits.js';
import { activationRefusal, mayManageBenefit, notOffered, type SaHolding } from './rules.js';
import type { BenefitReader } from './service.js';

/** The actor's Administrator and SA Manager grants on the Licensing ID, with each SA Manager grant's duties. */
export async function saHolding(tx: DbOrTx, actor: Actor, licensingId: string): Promise<SaHolding> {
  const res = await tx.execute<{ role: string; sub_roles: string[] | null }>(sql`
    select role::text as role, sub_roles from role_grant
    where user_id = ${actor.userId} and licensing_id = ${licensingId} and active and role in ('ADMINISTRATOR', 'SA_MANAGER')
    union all select 'BENEFIT_DELEGATE', null::text[] where ${licensingId} in (${delegatedLicensingIdsSql(actor)})`);
  return {
    // R-SA-7: a partner the customer approved manages every benefit, as its Administrator does (the FAQ lists them all).
    administrator: res.rows.some((r) => r.role === 'ADMINISTRATOR' || r.role === 'BENEFIT_DELEGATE'),
    saManagerDuties: res.rows.filter((r) => r.role === 'SA_MANAGER').map((r) => r.sub_roles),
  };
}

/** R-PERM-8: an SA Manager needs the benefit's duty (or none narrowed); an Administrator or approved partner always may. */
export async function mustManageBenefit(tx: DbOrTx, actor: Actor, licensingId: string, benefit: BenefitCode) {
  if (!mayManageBenefit(await saHolding(tx, actor, licensingId), benefit)) {
    throw new DomainError('SA_BENEFIT_GROUP_NOT_HELD', 403, 'Your SA Manager role does not include this benefit.', { benefit });
  }
}

/** Serializes changes to one benefit of one Licensing ID (activation against the publisher's hold). */
export const lockBenefit = (tx: DbOrTx, licensingId: string, benefit: BenefitCode) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sa-benefit:${licensingId}:${benefit}`}, 0))`);

export function createBenefitActivation({ db, clock, reader }: { db: Db; clock: Clock; reader: BenefitReader }) {
  return {
    /**
     * R-SA-2: an SA Manager (or Administrator; the route checked `sa.manage`) activates a benefit
     * in Requires Activation. R-PERM-8: an SA Manager whose duties leave out the benefit's group
     * may not. Anything else is refused with its code and nothing is written.
     */
    async activate(actor: Actor, licensingId: string, benefit: BenefitCode) {
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, benefit);
        await mustManageBenefit(tx, actor, licensingId, benefit);
        const refusal = activationRefusal(await reader.benefitOf(tx, licensingId, benefit));
        if (refusal === 'SA_BENEFIT_NOT_OFFERED') throw notOffered();
        if (refusal) throw conflict(refusal, 'This benefit cannot be activated now.', { benefit });
        const now = clock.now();
        await tx.execute(sql`
          insert into sa_benefit_state (licensing_id, benefit, activated_at, activated_by)
          values (${licensingId}, ${benefit}, ${now.toISOString()}, ${actor.userId})
          on conflict (licensing_id, benefit) do update set activated_at = excluded.activated_at, activated_by = excluded.activated_by`);
        await audit(tx, actor, {
          action: 'sa.benefit.activate',
          targetType: 'licensing_id',
          targetId: licensingId,
          after: { benefit, status: 'ACTIVATED' },
        });
        const after = await reader.ofLicensingId(tx, licensingId);
        const found = after?.benefits.find((b) => b.benefit === benefit);
        if (!found) throw notFound('benefit');
        return found;
      });
    },
  };
}
