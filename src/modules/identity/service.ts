import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { identityMails } from './mails.js';
import { TOKEN_PREFIX } from './sign-in/sessions.js';
import { apiToken, organization, user } from './tables.js';

export interface IdentityDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

export type Me = Awaited<ReturnType<ReturnType<typeof createIdentityService>['me']>>;

/** The signed-in user's own account: who they are, their language and their personal API tokens. */
export function createIdentityService({ db, config, clock }: IdentityDeps) {
  async function me(userId: string) {
    const [row] = await db
      .select({
        id: user.id,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
        isOperator: user.isOperator,
        organization: {
          id: organization.id,
          name: organization.name,
          country: organization.country,
          isChannelPartner: organization.isChannelPartner,
        },
      })
      .from(user)
      .innerJoin(organization, eq(organization.id, user.organizationId))
      .where(eq(user.id, userId));
    if (!row) throw notFound('user');
    return row;
  }

  return {
    me,

    async setLocale(actor: Actor, locale: Locale) {
      await db.transaction(async (tx) => {
        const [before] = await tx.select({ locale: user.locale }).from(user).where(eq(user.id, actor.userId));
        await tx.update(user).set({ locale }).where(eq(user.id, actor.userId));
        await audit(tx, actor, { action: 'user.locale', targetType: 'user', targetId: actor.userId, before, after: { locale } });
      });
      return me(actor.userId);
    },

    async listTokens(actor: Actor) {
      return db
        .select({
          id: apiToken.id,
          name: apiToken.name,
          prefix: apiToken.prefix,
          createdAt: apiToken.createdAt,
          expiresAt: apiToken.expiresAt,
          lastUsedAt: apiToken.lastUsedAt,
        })
        .from(apiToken)
        .where(and(eq(apiToken.userId, actor.userId), isNull(apiToken.revokedAt)))
        .orderBy(desc(apiToken.createdAt));
    },

    /** The secret is returned once; only its hash is stored. The owner is mailed (a security change). */
    async createToken(actor: Actor, input: { name: string; expiresInDays: number }) {
      const now = clock.now();
      const secret = `${TOKEN_PREFIX}${randomToken()}`;
      const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
      const owner = await me(actor.userId);
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(apiToken)
          .values({
            userId: actor.userId,
            name: input.name,
            tokenHash: sha256(secret),
            prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
            createdAt: now,
            expiresAt,
          })
          .returning({
            id: apiToken.id,
            name: apiToken.name,
            prefix: apiToken.prefix,
            createdAt: apiToken.createdAt,
            expiresAt: apiToken.expiresAt,
          });
        if (!created) throw new Error('insert returned nothing');
        await audit(tx, actor, {
          action: 'token.create',
          targetType: 'api_token',
          targetId: created.id,
          after: { name: input.name, expiresAt },
        });
        await enqueueMail(tx, {
          to: owner.email,
          locale: owner.locale,
          template: identityMails.tokenCreated,
          params: {
            firstName: owner.firstName || owner.email,
            tokenName: input.name,
            email: owner.email,
            createdAt: now.toISOString().slice(0, 16).replace('T', ' '),
            expiresAt: expiresAt.toISOString().slice(0, 10),
            url: `${config.publicUrl}/profile`,
          },
        });
        return created;
      });
      return { ...row, token: secret };
    },

    async revokeToken(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiToken)
          .set({ revokedAt: clock.now() })
          .where(and(eq(apiToken.id, id), eq(apiToken.userId, actor.userId), isNull(apiToken.revokedAt)))
          .returning({ id: apiToken.id, name: apiToken.name });
        if (!row) throw notFound('token');
        await audit(tx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: id, before: row });
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
