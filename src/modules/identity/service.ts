import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { DomainError, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { identityMails } from './mails.js';
import { openSecondStep } from './mfa/challenge.js';
import { factorState, organizationRequiresSecondFactor } from './mfa/factors.js';
import { afterPassword, hasSecondFactor, relyingParty, type SecondFactorMethod } from './mfa/rules.js';
import { linkedWorkAccount, workAccountRequired } from './registration-checks.js';
import { isPersonalAddress, normalizeEmail } from './rules.js';
import { createSession, deleteSession, TOKEN_PREFIX } from './sessions.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { apiToken, organization, user } from './tables.js';

export interface IdentityDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

export type Me = Awaited<ReturnType<ReturnType<typeof createIdentityService>['me']>>;

/** What a right password leads to: a session, or the second step (a token, not a session). */
export type SignInResult =
  | { kind: 'session'; token: string; csrfToken: string; expiresAt: Date; user: Me }
  | {
      kind: 'second-step';
      secondStep: { purpose: 'verify' | 'enrol'; methods: SecondFactorMethod[]; challenge: string; expiresAt: Date };
    };

export function createIdentityService({ db, config, clock }: IdentityDeps) {
  const throttle = createSignInThrottle(db, config);
  async function me(userId: string) {
    const [row] = await db
      .select({
        id: user.id,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
        isOperator: user.isOperator,
        organization: { id: organization.id, name: organization.name, country: organization.country },
      })
      .from(user)
      .innerJoin(organization, eq(organization.id, user.organizationId))
      .where(eq(user.id, userId));
    if (!row) throw notFound('user');
    return row;
  }

  return {
    me,

    /**
     * Same answer and the same work (one argon2 verify) whether the account is unknown, inactive
     * or the password wrong, so the response says nothing about which accounts exist. A right
     * password gives a session only to a user without a second factor; one with a factor gets the
     * second step (no session until it is done), and one whose organization requires a factor
     * they lack gets the step that sets one up.
     */
    async signIn(input: { email: string; password: string; ip: string; requestId: string }): Promise<SignInResult> {
      const email = normalizeEmail(input.email);
      const personal = isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS);
      const now = clock.now();
      const attempt = await throttle.begin(email, input.ip, now);
      const [found] = personal
        ? []
        : await db
            .select({ id: user.id, passwordHash: user.passwordHash, status: user.status, organizationId: user.organizationId })
            .from(user)
            .where(sql`lower(${user.email}) = ${email}`);
      const factors = found ? await factorState(db, found.id) : null;
      await attempt.refuseIfOver(factors ? hasSecondFactor(factors) : false);
      if (!found) {
        // R-ID-4 E06: an address linked to a work account names that account (after the rate limit, which bounds probing).
        const workAccount = await linkedWorkAccount(db, email);
        if (workAccount) throw workAccountRequired(workAccount);
        if (personal) throw new DomainError('PERSONAL_ACCOUNT', 400, 'Personal e-mail addresses cannot sign in; use your work account.');
      }
      const ok = await verifyPassword(found?.passwordHash, input.password);
      if (!found || !factors || !ok || found.status !== 'active') {
        throw new DomainError('INVALID_CREDENTIALS', 401, 'The e-mail address or password is not correct.');
      }
      await attempt.forgive();
      const next = afterPassword(factors, await organizationRequiresSecondFactor(db, found.id), relyingParty(config.publicUrl).available);
      const actor = { userId: found.id, organizationId: found.organizationId, requestId: input.requestId };
      if (next.next !== 'session') {
        const step = await openSecondStep(db, {
          userId: found.id,
          purpose: next.next,
          clientAddress: input.ip,
          now,
          minutes: config.SECOND_FACTOR_CHALLENGE_MINUTES,
        });
        await audit(db, actor, {
          action: 'auth.password',
          targetType: 'user',
          targetId: found.id,
          after: { ip: input.ip, next: next.next },
        });
        return { kind: 'second-step', secondStep: { purpose: next.next, methods: next.methods, ...step } };
      }
      const created = await createSession(db, found.id, now, config.SESSION_TTL_HOURS);
      await audit(db, actor, {
        action: 'auth.sign-in',
        targetType: 'user',
        targetId: found.id,
        after: { ip: input.ip },
      });
      return { kind: 'session', ...created, user: await me(found.id) };
    },

    async signOut(actor: Actor, token: string | undefined) {
      if (token) await deleteSession(db, token);
      await audit(db, actor, { action: 'auth.sign-out', targetType: 'user', targetId: actor.userId });
    },

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
