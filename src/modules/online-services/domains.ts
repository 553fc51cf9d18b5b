import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { type Enrollment, enrollmentOf, linkedAccountOf } from './facts.js';
import { onlineServicesMails } from './mails.js';
import { customerDomainRefusal } from './rules.js';

interface Linked {
  e: Enrollment;
  accountId: string;
  name: string;
}

const REFUSALS = {
  SERVICE_ACCOUNT_DOMAIN_PERSONAL: 'A personal-mail domain cannot be verified on an online services account.',
  SERVICE_ACCOUNT_DOMAIN_NOT_OWNED: 'No work account of your organization uses that domain.',
} as const;

/**
 * R-OS-4: the customer's side of verified domains. An Administrator or Online Services Manager of an
 * enrollment adds and removes domains on the online services account the enrollment is linked to;
 * the account is reached only through an enrollment the actor holds, never by its own id. Each
 * change is audited and mailed to the account's global and billing administrators.
 */
export function createServiceAccountDomains({ db, config, clock }: { db: Db; config: Config; clock: Clock }) {
  async function accountOf(tx: DbOrTx, licensingId: string): Promise<Linked> {
    const e = await enrollmentOf(tx, licensingId);
    if (!e) throw notFound('Licensing ID');
    const linked = await linkedAccountOf(tx, licensingId);
    if (!linked) throw conflict('ENROLLMENT_NOT_LINKED', 'This Licensing ID is not linked to an online services account yet.');
    return { e, accountId: linked.accountId, name: linked.name };
  }

  async function domainsOf(tx: DbOrTx, accountId: string) {
    const res = await tx.execute<{ domain: string; verified_at: Date }>(
      sql`select domain, verified_at from service_account_domain where account_id = ${accountId} order by domain`,
    );
    return res.rows.map((r) => ({ domain: r.domain, verifiedAt: new Date(r.verified_at).toISOString() }));
  }

  /** After a domain is added or removed: the audit row, the account's administrators mailed, the list as it now is. */
  async function changed(tx: DbOrTx, actor: Actor, at: Linked, licensingId: string, domain: string, added: boolean) {
    await audit(tx, actor, {
      action: added ? 'online-services.domain-add' : 'online-services.domain-remove',
      targetType: 'service_account',
      targetId: at.accountId,
      organizationId: at.e.organizationId,
      ...(added ? { after: { domain, licensingId } } : { before: { domain, licensingId } }),
    });
    const admins = await tx.execute<{ email: string; locale: 'en' | 'sv' | null }>(sql`
      select m.email, u.locale from service_account_admin m left join "user" u on lower(u.email) = m.email
      where m.account_id = ${at.accountId} order by m.email`);
    for (const { email, locale } of admins.rows) {
      await enqueueMail(tx, {
        to: email,
        locale: locale ?? 'en',
        template: added ? onlineServicesMails.domainAdded : onlineServicesMails.domainRemoved,
        params: { account: at.name, domain, by: actor.email, url: `${config.publicUrl}/online-services` },
      });
    }
    return { account: { id: at.accountId, name: at.name }, domains: await domainsOf(tx, at.accountId) };
  }

  return {
    async list(licensingId: string) {
      const { accountId, name } = await accountOf(db, licensingId);
      return { account: { id: accountId, name }, domains: await domainsOf(db, accountId) };
    },

    async add(actor: Actor, licensingId: string, domain: string) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const at = await accountOf(tx, licensingId);
        const { e, accountId } = at;
        const owned = await tx.execute<{ domain: string }>(sql`
          select distinct split_part(lower(email), '@', 2) as domain from "user"
          where organization_id = ${e.organizationId} and status = 'active'`);
        const refusal = customerDomainRefusal(domain, {
          personalDomains: config.PERSONAL_MAIL_DOMAINS,
          organizationDomains: owned.rows.map((r) => r.domain),
        });
        if (refusal) throw invalid(refusal, REFUSALS[refusal], { domain });
        const inserted = await tx.execute(sql`
          insert into service_account_domain (account_id, domain, verified_at) values (${accountId}, ${domain}, ${now})
          on conflict (domain) do nothing`);
        if (!inserted.rowCount) {
          const same = await tx.execute(sql`select 1 from service_account_domain where domain = ${domain} and account_id = ${accountId}`);
          if (!same.rowCount) throw conflict('SERVICE_ACCOUNT_DOMAIN_TAKEN', 'That domain is verified on another account.');
          throw conflict('SERVICE_ACCOUNT_DOMAIN_PRESENT', 'That domain is already verified on this account.');
        }
        return changed(tx, actor, at, licensingId, domain, true);
      });
    },

    async remove(actor: Actor, licensingId: string, domain: string) {
      return db.transaction(async (tx) => {
        const at = await accountOf(tx, licensingId);
        const gone = await tx.execute(
          sql`delete from service_account_domain where account_id = ${at.accountId} and domain = ${domain} returning domain`,
        );
        if (!gone.rowCount) throw notFound('domain');
        return changed(tx, actor, at, licensingId, domain, false);
      });
    },
  };
}
