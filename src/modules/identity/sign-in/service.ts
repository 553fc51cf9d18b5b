import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { verifyPassword } from '../../../platform/auth/password.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { openSecondStep } from '../mfa/challenge.js';
import { factorState, organizationRequiresSecondFactor } from '../mfa/factors.js';
import { afterPassword, hasSecondFactor, relyingParty, type SecondFactorMethod } from '../mfa/rules.js';
import { linkedWorkAccount, workAccountRequired } from '../registration/checks.js';
import { isPersonalAddress, normalizeEmail } from '../rules.js';
import type { Me } from '../service.js';
import { user } from '../tables.js';
import { createSession, deleteSession } from './sessions.js';
import { createSignInThrottle } from './throttle.js';

export interface SignInDeps {
  db: Db;
  config: Config;
  clock: Clock;
  /** The signed-in user as /me answers it, returned with a new session. */
  me: (userId: string) => Promise<Me>;
}

/** What a right password leads to: a session, or the second step (a token, not a session). */
export type SignInResult =
  | { kind: 'session'; token: string; csrfToken: string; expiresAt: Date; user: Me }
  | {
      kind: 'second-step';
      secondStep: { purpose: 'verify' | 'enrol'; methods: SecondFactorMethod[]; challenge: string; expiresAt: Date };
    };

/** Password sign-in (throttled, then a session or the second step) and sign-out. */
export function createSignInService({ db, config, clock, me }: SignInDeps) {
  const throttle = createSignInThrottle(db, config);
  return {
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
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
