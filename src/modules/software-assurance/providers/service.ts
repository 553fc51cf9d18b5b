import { sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { PROVIDER_CREDENTIAL_PREFIX } from './credential.js';
import { providerMails } from './mails.js';

export interface TrainingProvider {
  id: string;
  number: string;
  name: string;
  contactEmail: string;
  contactLocale: Locale;
  createdAt: string;
  credentialIssuedAt: string | null;
}

export interface TrainingProviderInput {
  name: string;
  number: string;
  contactEmail: string;
  contactLocale: Locale;
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

async function providersOf(tx: DbOrTx, id?: string): Promise<TrainingProvider[]> {
  const res = await tx.execute<TrainingProvider & Record<string, unknown>>(sql`
    select p.id, p.number, p.name, p.contact_email as "contactEmail", p.contact_locale as "contactLocale",
      p.created_at as "createdAt", c.created_at as "credentialIssuedAt"
    from training_provider p
    left join training_provider_credential c on c.provider_id = p.id and c.revoked_at is null
    ${id ? sql`where p.id = ${id}` : sql``}
    order by lower(p.name), p.number`);
  return res.rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    credentialIssuedAt: r.credentialIssuedAt ? new Date(r.credentialIssuedAt).toISOString() : null,
  }));
}

async function mustFind(tx: DbOrTx, id: string): Promise<TrainingProvider> {
  const [p] = await providersOf(tx, id);
  if (!p) throw notFound('training provider');
  return p;
}

/** R-SA-5: the publisher's register of training providers and their API credentials. */
export function createTrainingProviders({ db, clock }: { db: Db; clock: Clock }) {
  return {
    list: () => providersOf(db),

    /** A provider number names one provider: a second registration under it is refused, nothing written. */
    async register(actor: Actor, input: TrainingProviderInput): Promise<TrainingProvider> {
      return db.transaction(async (tx) => {
        const inserted = await tx.execute<{ id: string }>(sql`
          insert into training_provider (number, name, contact_email, contact_locale, created_at, created_by)
          values (${input.number}, ${input.name}, ${input.contactEmail}, ${input.contactLocale}, ${clock.now().toISOString()}, ${actor.userId})
          on conflict (number) do nothing
          returning id`);
        const id = inserted.rows[0]?.id;
        if (!id) throw conflict('TRAINING_PROVIDER_NUMBER_TAKEN', `Provider number ${input.number} is taken.`, { number: input.number });
        await audit(tx, actor, {
          action: 'training-provider.register',
          targetType: 'training_provider',
          targetId: id,
          after: { number: input.number, name: input.name, contactEmail: input.contactEmail },
        });
        return mustFind(tx, id);
      });
    },

    /**
     * Issues the provider's credential, or rotates it: the live one is revoked in the same
     * transaction, so the provider never holds two. The secret is returned once; only its hash is
     * stored. The provider's contact is mailed (without the secret).
     */
    async issueCredential(actor: Actor, providerId: string): Promise<{ provider: TrainingProvider; token: string }> {
      const now = clock.now();
      const token = `${PROVIDER_CREDENTIAL_PREFIX}${randomToken()}`;
      const provider = await db.transaction(async (tx) => {
        const locked = await tx.execute(sql`select 1 from training_provider where id = ${providerId} for update`);
        if (!locked.rowCount) throw notFound('training provider');
        const revoked = await tx.execute<{ id: string }>(sql`
          update training_provider_credential set revoked_at = ${now.toISOString()}
          where provider_id = ${providerId} and revoked_at is null returning id`);
        const inserted = await tx.execute<{ id: string }>(sql`
          insert into training_provider_credential (provider_id, token_hash, created_at, created_by)
          values (${providerId}, ${sha256(token)}, ${now.toISOString()}, ${actor.userId}) returning id`);
        const p = await mustFind(tx, providerId);
        await audit(tx, actor, {
          action: 'training-provider.credential.issue',
          targetType: 'training_provider',
          targetId: providerId,
          before: revoked.rows[0] ? { credentialId: revoked.rows[0].id } : null,
          after: { credentialId: inserted.rows[0]?.id, rotated: Boolean(revoked.rowCount) },
        });
        await enqueueMail(tx, {
          to: p.contactEmail,
          locale: p.contactLocale,
          template: providerMails.credentialIssued,
          params: { provider: p.name, number: p.number, at: stamp(now) },
        });
        return p;
      });
      return { provider, token };
    },

    /** Ends the provider's access at once; its next call is refused 401. */
    async revokeCredential(actor: Actor, providerId: string): Promise<TrainingProvider> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const p = await mustFind(tx, providerId);
        const revoked = await tx.execute<{ id: string }>(sql`
          update training_provider_credential set revoked_at = ${now.toISOString()}
          where provider_id = ${providerId} and revoked_at is null returning id`);
        const credentialId = revoked.rows[0]?.id;
        if (!credentialId) throw new DomainError('TRAINING_PROVIDER_NO_CREDENTIAL', 409, 'This provider has no credential to revoke.');
        await audit(tx, actor, {
          action: 'training-provider.credential.revoke',
          targetType: 'training_provider',
          targetId: providerId,
          before: { credentialId },
        });
        await enqueueMail(tx, {
          to: p.contactEmail,
          locale: p.contactLocale,
          template: providerMails.credentialRevoked,
          params: { provider: p.name, number: p.number, at: stamp(now) },
        });
        return mustFind(tx, providerId);
      });
    },
  };
}
