import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { normalizeEmail } from '../identity/rules.js';
import { lockBenefit, mustManageBenefit, saHolding } from './activate.js';
import { addressEligible, domainRefusal, newAccessCode, normalizeAccessCode, normalizeDomain } from './elearning-rules.js';
import { saMails } from './mails.js';
import { mayManageBenefit, notOffered } from './rules.js';
import type { BenefitReader } from './service.js';
import { useRefusal } from './voucher-rules.js';
import { organizationOf } from './vouchers.js';

const BENEFIT = 'E_LEARNING';

export interface ElearningSetup {
  domains: string[];
  /** Only for those who manage the benefit: anyone else sees whether a code exists, not the code. */
  accessCode: string | null;
  hasAccessCode: boolean;
  participants: number;
}

async function setupOf(tx: DbOrTx, licensingId: string, showCode: boolean): Promise<ElearningSetup> {
  const res = await tx.execute<{ domains: string[]; code: string | null; participants: number }>(sql`
    select coalesce((select array_agg(domain order by domain) from sa_elearning_domain where licensing_id = ${licensingId}), '{}') as domains,
      (select code from sa_elearning_code where licensing_id = ${licensingId}) as code,
      (select count(*)::int from sa_benefit_use where licensing_id = ${licensingId} and kind = 'E_LEARNING_PARTICIPANT') as participants`);
  const r = res.rows[0] ?? { domains: [], code: null, participants: 0 };
  return { domains: r.domains, accessCode: showCode ? r.code : null, hasAccessCode: r.code !== null, participants: r.participants };
}

export function createElearning({ db, clock, config, reader }: { db: Db; clock: Clock; config: Config; reader: BenefitReader }) {
  /** Domains and the code change only on an Activated benefit (R-SA-2: not on hold, not expired). */
  async function mustBeActivated(tx: DbOrTx, licensingId: string) {
    const benefit = await reader.benefitOf(tx, licensingId, BENEFIT);
    const refusal = useRefusal(benefit, 0);
    if (refusal === 'SA_BENEFIT_NOT_OFFERED') throw notOffered();
    if (refusal)
      throw conflict(refusal, 'The e-Learning benefit cannot be changed now.', { benefit: BENEFIT, benefitStatus: benefit?.status });
    return benefit;
  }

  return {
    async view(actor: Actor, licensingId: string) {
      return setupOf(db, licensingId, mayManageBenefit(await saHolding(db, actor, licensingId), BENEFIT));
    },

    /** R-SA-4: the first eligible domain brings the access code into being. */
    async addDomain(actor: Actor, licensingId: string, raw: string): Promise<ElearningSetup> {
      const domain = normalizeDomain(raw);
      const refusal = domainRefusal(domain, config.PERSONAL_MAIL_DOMAINS);
      if (refusal) throw invalid(refusal, 'This domain cannot be made eligible.', { domain });
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        await mustManageBenefit(tx, actor, licensingId, BENEFIT);
        await mustBeActivated(tx, licensingId);
        const added = await tx.execute(sql`
          insert into sa_elearning_domain (licensing_id, domain, created_by, created_at)
          values (${licensingId}, ${domain}, ${actor.userId}, ${clock.now().toISOString()})
          on conflict do nothing returning domain`);
        if (added.rows.length === 0) throw conflict('ELEARNING_DOMAIN_EXISTS', 'This domain is already eligible.', { domain });
        const code = await tx.execute(sql`
          insert into sa_elearning_code (licensing_id, code, created_at) values (${licensingId}, ${newAccessCode()}, ${clock.now().toISOString()})
          on conflict (licensing_id) do nothing returning code`);
        await audit(tx, actor, {
          action: 'sa.elearning.domain.add',
          targetType: 'licensing_id',
          targetId: licensingId,
          after: { benefit: BENEFIT, domain, accessCodeGenerated: code.rows.length > 0 },
        });
        return setupOf(tx, licensingId, true);
      });
    },

    /** R-SA-4: without a domain no one qualifies, so the last one's removal retires the code; participants already counted stay. */
    async removeDomain(actor: Actor, licensingId: string, raw: string): Promise<ElearningSetup> {
      const domain = normalizeDomain(raw);
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        await mustManageBenefit(tx, actor, licensingId, BENEFIT);
        await mustBeActivated(tx, licensingId);
        const removed = await tx.execute(
          sql`delete from sa_elearning_domain where licensing_id = ${licensingId} and domain = ${domain} returning domain`,
        );
        if (removed.rows.length === 0) throw notFound('domain');
        const retired = await tx.execute(sql`
          delete from sa_elearning_code where licensing_id = ${licensingId}
            and not exists (select 1 from sa_elearning_domain where licensing_id = ${licensingId}) returning code`);
        await audit(tx, actor, {
          action: 'sa.elearning.domain.remove',
          targetType: 'licensing_id',
          targetId: licensingId,
          before: { benefit: BENEFIT, domain },
          after: { accessCodeRetired: retired.rows.length > 0 },
        });
        return setupOf(tx, licensingId, true);
      });
    },

    /**
     * R-SA-4: an employee no longer counted as a participant; their unit returns to the benefit.
     * The use is deleted, not cancelled, so the employee may join again with the code (the audit
     * keeps who was removed); they are mailed in the language they joined in.
     */
    async removeParticipant(actor: Actor, licensingId: string, participantId: string): Promise<ElearningSetup> {
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        const found = await tx.execute<{ email: string; locale: Locale }>(sql`
          select holder_email as email, holder_locale as locale from sa_benefit_use
          where id = ${participantId} and licensing_id = ${licensingId} and kind = 'E_LEARNING_PARTICIPANT'`);
        const before = found.rows[0];
        if (!before) throw notFound('participant');
        await mustManageBenefit(tx, actor, licensingId, BENEFIT);
        await mustBeActivated(tx, licensingId);
        await tx.execute(sql`delete from sa_benefit_use where id = ${participantId}`);
        await audit(tx, actor, {
          action: 'sa.elearning.participant.remove',
          targetType: 'licensing_id',
          targetId: licensingId,
          before: { benefit: BENEFIT, participantId, participant: before.email },
        });
        await enqueueMail(tx, {
          to: before.email,
          locale: before.locale,
          template: saMails.elearningParticipantRemoved,
          params: { organization: await organizationOf(tx, licensingId), email: before.email },
        });
        return setupOf(tx, licensingId, true);
      });
    },

    /**
     * R-SA-4: a signed-in employee redeems the code with their own work address (the account's,
     * so no one redeems for an address they do not hold). Each address counts one participant,
     * taken under the benefit's lock so the participants never pass the eligible quantity.
     */
    async redeem(actor: Actor, rawCode: string) {
      const found = await db.execute<{ licensing_id: string }>(
        sql`select licensing_id from sa_elearning_code where code = ${normalizeAccessCode(rawCode)}`,
      );
      const licensingId = found.rows[0]?.licensing_id;
      if (!licensingId) throw new DomainError('ELEARNING_CODE_UNKNOWN', 404, 'No e-Learning benefit has this access code.');
      const email = normalizeEmail(actor.email);
      return db.transaction(async (tx) => {
        await lockBenefit(tx, licensingId, BENEFIT);
        const { domains } = await setupOf(tx, licensingId, false);
        // The code may have been retired while this request waited for the lock.
        if (domains.length === 0) throw new DomainError('ELEARNING_CODE_UNKNOWN', 404, 'No e-Learning benefit has this access code.');
        if (!addressEligible(email, domains)) {
          throw new DomainError('ELEARNING_ADDRESS_NOT_ELIGIBLE', 403, 'Your address is not on an eligible domain.', { email });
        }
        const organization = await organizationOf(tx, licensingId);
        const reference = `EL-P:${licensingId}:${email}`;
        const prior = await tx.execute<{ created_at: Date }>(sql`select created_at from sa_benefit_use where reference = ${reference}`);
        const since = prior.rows[0]?.created_at;
        if (since) return { organization, email, participantSince: new Date(since).toISOString(), alreadyRedeemed: true };
        const benefit = await reader.benefitOf(tx, licensingId, BENEFIT);
        const refusal = useRefusal(benefit, 1);
        if (refusal) throw conflict(refusal, 'No e-Learning participant can be added now.', { benefit: BENEFIT });
        const now = clock.now().toISOString();
        await tx.execute(sql`
          insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale, created_by, created_at)
          values (${licensingId}, ${BENEFIT}, 'E_LEARNING_PARTICIPANT', 1, ${reference}, ${email}, ${email}, ${actor.locale},
            ${actor.userId}, ${now})`);
        await audit(tx, actor, {
          action: 'sa.elearning.redeem',
          targetType: 'licensing_id',
          targetId: licensingId,
          after: { benefit: BENEFIT, participant: email },
        });
        return { organization, email, participantSince: now, alreadyRedeemed: false };
      });
    },
  };
}
