import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../../platform/auth/password.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { hit } from '../../../platform/rate-limit.js';
import { rateLimit } from '../../../platform/tables.js';
import { createRegistrationChecks, type PublicRequest } from '../registration/checks.js';
import { normalizeEmail } from '../rules.js';
import { endAllSessions } from '../sign-in/sessions.js';
import { oidcProvider, organization, passwordReset, session, user } from '../tables.js';
import { FORGOT_PAGE, issueResetLink, limitResetRequests, mailTime, retireOpenLinks } from './links.js';
import { recoveryMails } from './mails.js';
import { type ResetLinkState, remainingDelay, resetLinkState, resetOutcome } from './rules.js';

export interface RecoveryDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

const linkError = (state: Exclude<ResetLinkState, 'valid'>) =>
  state === 'used'
    ? conflict('RESET_LINK_USED', 'This password reset link has already been used.')
    : new DomainError('RESET_LINK_EXPIRED', 410, 'This password reset link has expired.', { requestAgain: FORGOT_PAGE });

const invalidLink = () =>
  new DomainError('RESET_LINK_INVALID', 404, 'This password reset link is not valid.', { requestAgain: FORGOT_PAGE });

const firstNameOf = (u: { firstName: string; email: string }) => u.firstName || u.email;

/** Forgot password (a mailed single-use link), following the link, and changing a password when signed in. */
export function createRecoveryService({ db, config, clock }: RecoveryDeps) {
  const { checkPassword } = createRegistrationChecks({ db, config });
  const signInUrl = `${config.publicUrl}/sign-in`;
  const forgotUrl = `${config.publicUrl}${FORGOT_PAGE}`;

  async function accountByEmail(email: string) {
    const [row] = await db
      .select({
        id: user.id,
        email: user.email,
        firstName: user.firstName,
        locale: user.locale,
        status: user.status,
        hasPassword: sql<boolean>`${user.passwordHash} is not null`,
        ssoLinked: sql<boolean>`${user.ssoSubject} is not null`,
        organizationId: user.organizationId,
        organizationName: organization.name,
      })
      .from(user)
      .innerJoin(organization, eq(organization.id, user.organizationId))
      .where(sql`lower(${user.email}) = ${normalizeEmail(email)}`);
    return row ?? null;
  }

  /** Links are 256-bit secrets, so this bounds the password hashing a client can ask for, not guessing. */
  async function limitLinkUse(req: PublicRequest, now: Date) {
    const window = config.PASSWORD_RESET_WINDOW_SECONDS;
    if ((await hit(db, `password-reset:link:ip:${req.ip}`, window, now)) > config.PASSWORD_RESET_IP_LIMIT) {
      throw new DomainError('RATE_LIMITED', 429, 'Too many attempts.', { retryAfterSeconds: window });
    }
  }

  /** The link's user, only while the account is active; anything else is an invalid link. */
  async function linkByToken(token: string) {
    const [row] = await db
      .select({
        id: passwordReset.id,
        expiresAt: passwordReset.expiresAt,
        usedAt: passwordReset.usedAt,
        userId: user.id,
        email: user.email,
        firstName: user.firstName,
        locale: user.locale,
        organizationId: user.organizationId,
      })
      .from(passwordReset)
      .innerJoin(user, eq(user.id, passwordReset.userId))
      .where(and(eq(passwordReset.tokenHash, sha256(token)), eq(user.status, 'active'), sql`${user.passwordHash} is not null`));
    return row ?? null;
  }

  return {
    /**
     * "Forgot password": the same answer, no sooner than a fixed floor, whether the address is
     * unknown, SSO-only, deactivated or a password account; only the owner's mailbox differs.
     */
    async requestReset(input: { email: string }, req: PublicRequest): Promise<{ expiresInMinutes: number }> {
      const started = performance.now();
      const now = clock.now();
      await limitResetRequests(db, config, now, { email: input.email, ip: req.ip });
      const account = await accountByEmail(input.email);
      const outcome = resetOutcome(account);
      if (account && outcome !== 'NOTHING') {
        await db.transaction(async (tx) => {
          const mail = { to: account.email, locale: account.locale };
          if (outcome === 'LINK') {
            const link = await issueResetLink(tx, config, now, { userId: account.id, sentBy: null });
            await enqueueMail(tx, {
              ...mail,
              template: recoveryMails.passwordResetLink,
              params: { firstName: firstNameOf(account), email: account.email, minutes: config.PASSWORD_RESET_TTL_MINUTES, url: link.url },
            });
          } else {
            await enqueueMail(tx, {
              ...mail,
              template: recoveryMails.passwordResetSso,
              params: { firstName: firstNameOf(account), email: account.email, organization: account.organizationName, url: signInUrl },
            });
          }
          // Nobody is signed in: the request is recorded against the account, with where it came from.
          await audit(tx, null, {
            action: outcome === 'LINK' ? 'user.password-reset.request' : 'user.password-reset.sso-hint',
            targetType: 'user',
            targetId: account.id,
            organizationId: account.organizationId,
            after: { ip: req.ip, requestId: req.requestId },
          });
        });
      }
      await sleep(remainingDelay(started, performance.now()));
      return { expiresInMinutes: config.PASSWORD_RESET_TTL_MINUTES };
    },

    /** What the reset page shows before the form: whose password the link sets, and until when. */
    async checkLink(token: string, req: PublicRequest) {
      await limitLinkUse(req, clock.now());
      const link = await linkByToken(token);
      if (!link) throw invalidLink();
      const state = resetLinkState(link, clock.now());
      if (state !== 'valid') throw linkError(state);
      return { email: link.email, expiresAt: link.expiresAt };
    },

    /**
     * Following the link: the new password (the rule registration uses), the link spent, every
     * session and API token of the user ended, and the user mailed. It only sets the password:
     * signing in afterwards still asks for any second factor the account has.
     */
    async resetPassword(input: { token: string; password: string }, req: PublicRequest) {
      const now = clock.now();
      await limitLinkUse(req, now);
      const link = await linkByToken(input.token);
      if (!link) throw invalidLink();
      const state = resetLinkState(link, now);
      if (state !== 'valid') throw linkError(state);
      checkPassword(input.password, link.email);
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        // Two submissions of one link: the second waits here and finds it used.
        const locked = await tx.execute<{ expires_at: string; used_at: string | null }>(
          sql`select expires_at, used_at from password_reset where id = ${link.id} for update`,
        );
        const row = locked.rows[0];
        const current = row
          ? resetLinkState({ expiresAt: new Date(row.expires_at), usedAt: row.used_at ? new Date(row.used_at) : null }, now)
          : 'expired';
        if (current !== 'valid') throw linkError(current);
        await tx.update(passwordReset).set({ usedAt: now }).where(eq(passwordReset.id, link.id));
        await retireOpenLinks(tx, link.userId, now);
        await tx.update(user).set({ passwordHash }).where(eq(user.id, link.userId));
        const ended = await endAllSessions(tx, link.userId, now);
        await audit(
          tx,
          { userId: link.userId, organizationId: link.organizationId, requestId: req.requestId },
          { action: 'user.password-reset', targetType: 'user', targetId: link.userId, after: { ip: req.ip, ...ended } },
        );
        await enqueueMail(tx, {
          to: link.email,
          locale: link.locale,
          template: recoveryMails.passwordResetDone,
          params: { firstName: firstNameOf(link), email: link.email, at: mailTime(now), url: forgotUrl },
        });
        return { email: link.email };
      });
    },

    /** Whether the signed-in user has a password here, and whether their organization signs in with SSO. */
    async passwordStatus(actor: Actor) {
      const [row] = await db
        .select({
          hasPassword: sql<boolean>`${user.passwordHash} is not null`,
          singleSignOn: sql<boolean>`${user.ssoSubject} is not null or exists (
            select 1 from ${oidcProvider} where ${oidcProvider.organizationId} = ${user.organizationId} and ${oidcProvider.enabled})`,
        })
        .from(user)
        .where(eq(user.id, actor.userId));
      if (!row) throw notFound('user');
      return row;
    },

    /**
     * Change password when signed in: the current password first (attempts limited like sign-in),
     * then the registration rule; the user's other sessions end, the current one stays.
     * `sessionToken`: the cookie of the calling session (none when a script calls with a token).
     */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, sessionToken: string | undefined) {
      const now = clock.now();
      const attemptsKey = `password-change:${actor.userId}`;
      if ((await hit(db, attemptsKey, config.SIGN_IN_WINDOW_SECONDS, now)) > config.SIGN_IN_LIMIT) {
        throw new DomainError('RATE_LIMITED', 429, 'Too many attempts.', { retryAfterSeconds: config.SIGN_IN_WINDOW_SECONDS });
      }
      const [me] = await db
        .select({ email: user.email, firstName: user.firstName, locale: user.locale, passwordHash: user.passwordHash })
        .from(user)
        .where(eq(user.id, actor.userId));
      if (!me) throw notFound('user');
      if (!me.passwordHash) {
        throw conflict('SSO_ACCOUNT', "This account signs in through the organization's identity provider; change the password there.");
      }
      if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
        throw invalid('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct.');
      }
      // The current password was just verified, so comparing the strings is comparing with the stored one.
      if (input.newPassword === input.currentPassword) throw invalid('PASSWORD_UNCHANGED', 'Choose a password other than the current one.');
      checkPassword(input.newPassword, me.email);
      const passwordHash = await hashPassword(input.newPassword);
      const ended = await db.transaction(async (tx) => {
        // Compared with the hash verified above: a concurrent change wins once, the other is refused.
        const changed = await tx
          .update(user)
          .set({ passwordHash })
          .where(and(eq(user.id, actor.userId), eq(user.passwordHash, me.passwordHash ?? '')))
          .returning({ id: user.id });
        if (changed.length === 0) throw invalid('CURRENT_PASSWORD_INCORRECT', 'The password was changed meanwhile.');
        const keep = sessionToken && actor.via === 'session' ? ne(session.idHash, sha256(sessionToken)) : undefined;
        const others = await tx
          .delete(session)
          .where(and(eq(session.userId, actor.userId), keep))
          .returning({ userId: session.userId });
        await retireOpenLinks(tx, actor.userId, now);
        await audit(tx, actor, {
          action: 'user.password-change',
          targetType: 'user',
          targetId: actor.userId,
          after: { otherSessionsEnded: others.length },
        });
        await enqueueMail(tx, {
          to: me.email,
          locale: me.locale,
          template: recoveryMails.passwordChanged,
          params: { firstName: firstNameOf(me), email: me.email, at: mailTime(now), url: forgotUrl },
        });
        return others.length;
      });
      await db.delete(rateLimit).where(eq(rateLimit.key, attemptsKey));
      return { otherSessionsEnded: ended };
    },
  };
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;
