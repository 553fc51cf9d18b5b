import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import { verifyPassword } from '../../../platform/auth/password.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../../platform/mail/templates.js';
import { createSealer } from '../../../platform/sealed.js';
import type { Secrets } from '../../../platform/secrets.js';
import { normalizeEmail } from '../rules.js';
import type { Me } from '../service.js';
import { createSession } from '../sign-in/sessions.js';
import { createSignInThrottle } from '../sign-in/throttle.js';
import { passkey, passkeyRegistration, totpFactor, user } from '../tables.js';
import { countSecondFactorAttempt } from './attempts.js';
import { endSecondStep, findSecondStep, rememberWebauthnChallenge, type SecondStep } from './challenge.js';
import { factorState, organizationRequiresSecondFactor } from './factors.js';
import { secondFactorMails } from './mails.js';
import { createRecoveryCodes } from './recovery-codes.js';
import { type FactorState, hasSecondFactor, mayRemoveFactor, minutesAfter, normalizeTotpCode, relyingParty } from './rules.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';
import {
  authenticationOptions,
  passkeyRefused,
  registrationOptions,
  type StoredPasskey,
  verifyAuthentication,
  verifyRegistration,
} from './webauthn.js';

export interface SecondFactorDeps {
  db: Db;
  config: Config;
  clock: Clock;
  secrets: Pick<Secrets, 'keyEncryptionKey'>;
  /** The signed-in user as the sign-in answer shows them. */
  me: (userId: string) => Promise<Me>;
}

/** Whose factors: the signed-in user (profile) or the user of an enrolment step (sign-in). */
export interface Subject {
  userId: string;
  organizationId: string;
  requestId: string;
}

export type TotpProof = { method: 'totp'; code: string };
export type RecoveryProof = { method: 'recovery'; code: string };
export type PasskeyProof = { method: 'passkey'; response: AuthenticationResponseJSON };
export type NewPasskey = { name: string; response: RegistrationResponseJSON };

const PASSKEY_REGISTRATION_MINUTES = 5;

const codeWrong = () => invalid('SECOND_FACTOR_CODE_WRONG', 'The code is not correct.');
const codeUsed = () => invalid('SECOND_FACTOR_CODE_USED', 'This code has already been used; wait for the next one.');
const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function createSecondFactorService({ db, config, clock, secrets, me }: SecondFactorDeps) {
  const rp = relyingParty(config.publicUrl);
  const totpSecrets = createSealer(secrets.keyEncryptionKey, 'lsc totp-secret v1');
  const recovery = createRecoveryCodes(secrets.keyEncryptionKey);
  const throttle = createSignInThrottle(db, config);
  const attemptLimit = { max: config.SECOND_FACTOR_ATTEMPT_LIMIT, windowSeconds: config.SIGN_IN_WINDOW_SECONDS };
  const securityUrl = `${config.publicUrl}/profile#sign-in-security`;

  async function account(tx: DbOrTx, userId: string) {
    const [row] = await tx
      .select({
        id: user.id,
        organizationId: user.organizationId,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
        status: user.status,
        passwordHash: user.passwordHash,
      })
      .from(user)
      .where(eq(user.id, userId));
    if (!row) throw notFound('user');
    return row;
  }
  type Account = Awaited<ReturnType<typeof account>>;

  /** Only password accounts set up a factor here; an SSO-only account's MFA is its identity provider's. */
  async function passwordAccount(tx: DbOrTx, userId: string): Promise<Account> {
    const found = await account(tx, userId);
    if (!found.passwordHash) {
      throw conflict('SECOND_FACTOR_AT_IDENTITY_PROVIDER', "This account signs in through the organization's identity provider.");
    }
    return found;
  }

  /** Serializes a user's factor changes, so that two removals cannot both pass the organization's requirement. */
  async function lockUser(tx: DbOrTx, userId: string): Promise<void> {
    await tx.execute(sql`select id from "user" where id = ${userId} for update`);
  }

  function mail(tx: DbOrTx, to: Account, template: MailTemplate, params: MailParams = {}) {
    return enqueueMail(tx, {
      to: to.email,
      locale: to.locale,
      template,
      params: { firstName: to.firstName || to.email, email: to.email, at: stamp(clock.now()), url: securityUrl, ...params },
    });
  }

  async function passkeysOf(tx: DbOrTx, userId: string) {
    return tx
      .select({
        id: passkey.id,
        name: passkey.name,
        credentialId: passkey.credentialId,
        publicKey: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
        createdAt: passkey.createdAt,
        lastUsedAt: passkey.lastUsedAt,
      })
      .from(passkey)
      .where(eq(passkey.userId, userId))
      .orderBy(asc(passkey.createdAt));
  }

  /** The first factor comes with a set of recovery codes, shown once. */
  async function recoveryCodesForFirstFactor(tx: DbOrTx, userId: string, before: FactorState): Promise<string[] | null> {
    if (hasSecondFactor(before)) return null;
    return recovery.replace(tx, userId, config.RECOVERY_CODE_COUNT, clock.now());
  }

  /**
   * Accepts a code of the user's authenticator app (a confirmed one, or the pending one being
   * confirmed) once: the step it belongs to is remembered, and a code of that step or an earlier
   * one is refused, also when two requests race.
   */
  async function acceptTotp(tx: DbOrTx, userId: string, typed: string, confirmed: boolean): Promise<number> {
    const code = normalizeTotpCode(typed);
    const [row] = await tx
      .select()
      .from(totpFactor)
      .where(and(eq(totpFactor.userId, userId), confirmed ? isNotNull(totpFactor.confirmedAt) : isNull(totpFactor.confirmedAt)));
    if (!row) {
      if (confirmed) throw codeWrong();
      throw conflict('TOTP_NOT_STARTED', 'Start setting up the authenticator app first.');
    }
    if (!code) throw codeWrong();
    const check = await checkTotp(totpSecrets.open(row.secretSealed, userId), code, clock.now(), row.lastUsedStep);
    if (!check.ok) throw check.reason === 'replayed' ? codeUsed() : codeWrong();
    const [won] = await tx
      .update(totpFactor)
      .set({ lastUsedStep: check.step })
      .where(and(eq(totpFactor.userId, userId), or(isNull(totpFactor.lastUsedStep), lt(totpFactor.lastUsedStep, check.step))))
      .returning({ userId: totpFactor.userId });
    if (!won) throw codeUsed();
    return check.step;
  }

  /** A code attempt counted against the account's limit, forgiven when right. */
  async function counted<T>(userId: string, attempt: () => Promise<T>): Promise<T> {
    const tally = await countSecondFactorAttempt(db, userId, attemptLimit, clock.now());
    const result = await attempt();
    await tally.forgive();
    return result;
  }

  /** Changes that weaken the account ask for the password again: a session left open is not enough. */
  async function confirmPassword(subject: Subject, password: string, ip: string): Promise<Account> {
    const found = await passwordAccount(db, subject.userId);
    const attempt = await throttle.begin(normalizeEmail(found.email), ip, clock.now());
    await attempt.refuseIfOver(true);
    if (!(await verifyPassword(found.passwordHash, password))) {
      throw invalid('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct.');
    }
    await attempt.forgive();
    return found;
  }

  // ---- Setting up a factor: from the profile, or in the sign-in's enrolment step ------------------

  async function startTotp(subject: Subject): Promise<{ secret: string; uri: string }> {
    const found = await passwordAccount(db, subject.userId);
    const secret = newTotpSecret();
    await db.transaction(async (tx) => {
      await lockUser(tx, subject.userId);
      const [existing] = await tx
        .select({ confirmedAt: totpFactor.confirmedAt })
        .from(totpFactor)
        .where(eq(totpFactor.userId, subject.userId));
      if (existing?.confirmedAt) throw conflict('TOTP_ALREADY_SET_UP', 'An authenticator app is already set up.');
      const sealed = totpSecrets.seal(secret, subject.userId);
      const values = { userId: subject.userId, secretSealed: sealed, confirmedAt: null, lastUsedStep: null, createdAt: clock.now() };
      await tx.insert(totpFactor).values(values).onConflictDoUpdate({ target: totpFactor.userId, set: values });
    });
    return { secret, uri: totpUri(secret, found.email) };
  }

  /** Confirms the pending authenticator app with a first code (the caller counts the attempt). */
  async function confirmTotp(subject: Subject, code: string): Promise<{ recoveryCodes: string[] | null }> {
    const found = await passwordAccount(db, subject.userId);
    return db.transaction(async (tx) => {
      await lockUser(tx, subject.userId);
      const before = await factorState(tx, subject.userId);
      await acceptTotp(tx, subject.userId, code, false);
      await tx.update(totpFactor).set({ confirmedAt: clock.now() }).where(eq(totpFactor.userId, subject.userId));
      const recoveryCodes = await recoveryCodesForFirstFactor(tx, subject.userId, before);
      await audit(tx, subject, {
        action: 'second-factor.totp.add',
        targetType: 'user',
        targetId: subject.userId,
        after: { recoveryCodes: recoveryCodes ? recoveryCodes.length : 'kept' },
      });
      await mail(tx, found, secondFactorMails.totpAdded);
      return { recoveryCodes };
    });
  }

  async function passkeyOptions(subject: Subject) {
    const found = await passwordAccount(db, subject.userId);
    const options = await registrationOptions(
      rp,
      { id: found.id, email: found.email, name: `${found.firstName} ${found.lastName}`.trim() },
      await passkeysOf(db, subject.userId),
    );
    const now = clock.now();
    await db.delete(passkeyRegistration).where(and(eq(passkeyRegistration.userId, subject.userId), lt(passkeyRegistration.expiresAt, now)));
    await db
      .insert(passkeyRegistration)
      .values({ challenge: options.challenge, userId: subject.userId, expiresAt: minutesAfter(now, PASSKEY_REGISTRATION_MINUTES) });
    return options;
  }

  async function addPasskey(subject: Subject, input: NewPasskey) {
    const found = await passwordAccount(db, subject.userId);
    let used: string | undefined;
    const stored: StoredPasskey = await verifyRegistration(rp, input.response, async (challenge) => {
      const [pending] = await db
        .select({ challenge: passkeyRegistration.challenge })
        .from(passkeyRegistration)
        .where(
          and(
            eq(passkeyRegistration.challenge, challenge),
            eq(passkeyRegistration.userId, subject.userId),
            gt(passkeyRegistration.expiresAt, clock.now()),
          ),
        );
      used = pending?.challenge;
      return Boolean(pending);
    });
    return db.transaction(async (tx) => {
      await lockUser(tx, subject.userId);
      // One registration per challenge: a replayed answer finds it gone.
      const consumed = await tx
        .delete(passkeyRegistration)
        .where(eq(passkeyRegistration.challenge, used ?? ''))
        .returning({ challenge: passkeyRegistration.challenge });
      if (consumed.length === 0) throw passkeyRefused();
      const [taken] = await tx.select({ id: passkey.id }).from(passkey).where(eq(passkey.credentialId, stored.credentialId));
      if (taken) throw conflict('PASSKEY_ALREADY_REGISTERED', 'This passkey is already registered.');
      const before = await factorState(tx, subject.userId);
      const [created] = await tx
        .insert(passkey)
        .values({ userId: subject.userId, name: input.name, ...stored, createdAt: clock.now() })
        .returning({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt });
      if (!created) throw new Error('insert returned nothing');
      const recoveryCodes = await recoveryCodesForFirstFactor(tx, subject.userId, before);
      await audit(tx, subject, {
        action: 'second-factor.passkey.add',
        targetType: 'passkey',
        targetId: created.id,
        after: { name: input.name, recoveryCodes: recoveryCodes ? recoveryCodes.length : 'kept' },
      });
      await mail(tx, found, secondFactorMails.passkeyAdded, { name: input.name });
      return { passkey: created, recoveryCodes };
    });
  }

  // ---- The sign-in's second step -----------------------------------------------------------------

  /** The step's user, who must still be active (a deactivation meanwhile ends the sign-in). */
  async function stepUser(step: SecondStep): Promise<Subject & { account: Account }> {
    const found = await account(db, step.userId);
    if (found.status !== 'active') throw new DomainError('SECOND_STEP_EXPIRED', 401, 'Sign in again with your password.');
    return { userId: found.id, organizationId: found.organizationId, requestId: '', account: found };
  }

  async function auditStep(subject: Subject, step: SecondStep, method: string, outcome: { ok: boolean; code?: string }) {
    await audit(db, subject, {
      action: 'auth.second-factor',
      targetType: 'user',
      targetId: subject.userId,
      after: { method, purpose: step.purpose, ok: outcome.ok, ...(outcome.code ? { refused: outcome.code } : {}), ip: step.clientAddress },
    });
  }

  /** Ends the step and starts the session: the only way a user with a second factor gets one. */
  async function startSession(challenge: string, subject: Subject, ip: string, method: string) {
    await endSecondStep(db, challenge);
    const created = await createSession(db, subject.userId, clock.now(), config.SESSION_TTL_HOURS);
    await audit(db, subject, { action: 'auth.sign-in', targetType: 'user', targetId: subject.userId, after: { ip, secondFactor: method } });
    return { ...created, user: await me(subject.userId) };
  }

  /** Runs a proof of the second step, auditing its failure (with its code) as well as its success. */
  async function proving<T>(subject: Subject, step: SecondStep, method: string, prove: () => Promise<T>): Promise<T> {
    try {
      const result = await counted(subject.userId, prove);
      await auditStep(subject, step, method, { ok: true });
      return result;
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) await auditStep(subject, step, method, { ok: false, code: err.code });
      throw err;
    }
  }

  return {
    relyingParty: rp,

    /** The profile's "Sign-in security": what is set up, and what the organization asks. */
    async overview(subject: Subject) {
      const found = await account(db, subject.userId);
      const [totp] = await db
        .select({ confirmedAt: totpFactor.confirmedAt })
        .from(totpFactor)
        .where(and(eq(totpFactor.userId, subject.userId), isNotNull(totpFactor.confirmedAt)));
      const state = await factorState(db, subject.userId);
      const codes = await db.execute<{ created_at: Date | string | null }>(
        sql`select min(created_at) as created_at from recovery_code where user_id = ${subject.userId}`,
      );
      const createdAt = codes.rows[0]?.created_at;
      return {
        /** False for an account that signs in only through its organization's identity provider. */
        applies: Boolean(found.passwordHash),
        organizationRequires: await organizationRequiresSecondFactor(db, subject.userId),
        passkeysAvailable: rp.available,
        totp: totp?.confirmedAt ? { setUpAt: totp.confirmedAt } : null,
        passkeys: (await passkeysOf(db, subject.userId)).map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: p.createdAt,
          lastUsedAt: p.lastUsedAt,
        })),
        recoveryCodes: { left: state.recoveryCodesLeft, createdAt: createdAt ? new Date(createdAt) : null },
      };
    },

    startTotp,
    confirmTotp: (subject: Subject, code: string) => counted(subject.userId, () => confirmTotp(subject, code)),
    passkeyOptions,
    addPasskey,

    async removeTotp(subject: Subject, password: string, ip: string) {
      const found = await confirmPassword(subject, password, ip);
      await db.transaction(async (tx) => {
        await lockUser(tx, subject.userId);
        const state = await factorState(tx, subject.userId);
        if (!state.totp) throw notFound('authenticator app');
        if (!mayRemoveFactor(state, 'totp', await organizationRequiresSecondFactor(tx, subject.userId))) throw requiredByOrganization();
        await tx.delete(totpFactor).where(eq(totpFactor.userId, subject.userId));
        if (!hasSecondFactor({ ...state, totp: false })) await recovery.clear(tx, subject.userId);
        await audit(tx, subject, { action: 'second-factor.totp.remove', targetType: 'user', targetId: subject.userId });
        await mail(tx, found, secondFactorMails.totpRemoved);
      });
    },

    async renamePasskey(subject: Subject, id: string, name: string) {
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select({ name: passkey.name })
          .from(passkey)
          .where(and(eq(passkey.id, id), eq(passkey.userId, subject.userId)));
        if (!before) throw notFound('passkey');
        const [renamed] = await tx
          .update(passkey)
          .set({ name })
          .where(and(eq(passkey.id, id), eq(passkey.userId, subject.userId)))
          .returning({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt });
        await audit(tx, subject, { action: 'second-factor.passkey.rename', targetType: 'passkey', targetId: id, before, after: { name } });
        return renamed;
      });
    },

    async removePasskey(subject: Subject, id: string, password: string, ip: string) {
      const found = await confirmPassword(subject, password, ip);
      await db.transaction(async (tx) => {
        await lockUser(tx, subject.userId);
        const [target] = await tx
          .select({ name: passkey.name })
          .from(passkey)
          .where(and(eq(passkey.id, id), eq(passkey.userId, subject.userId)));
        if (!target) throw notFound('passkey');
        const state = await factorState(tx, subject.userId);
        if (!mayRemoveFactor(state, 'passkey', await organizationRequiresSecondFactor(tx, subject.userId))) throw requiredByOrganization();
        await tx.delete(passkey).where(and(eq(passkey.id, id), eq(passkey.userId, subject.userId)));
        if (!hasSecondFactor({ ...state, passkeys: state.passkeys - 1 })) await recovery.clear(tx, subject.userId);
        await audit(tx, subject, { action: 'second-factor.passkey.remove', targetType: 'passkey', targetId: id, before: target });
        await mail(tx, found, secondFactorMails.passkeyRemoved, { name: target.name });
      });
    },

    /** A new set of recovery codes; the old set stops working. */
    async regenerateRecoveryCodes(subject: Subject, password: string, ip: string): Promise<string[]> {
      const found = await confirmPassword(subject, password, ip);
      return db.transaction(async (tx) => {
        await lockUser(tx, subject.userId);
        if (!hasSecondFactor(await factorState(tx, subject.userId))) {
          throw conflict('NO_SECOND_FACTOR', 'Set up an authenticator app or a passkey first.');
        }
        const codes = await recovery.replace(tx, subject.userId, config.RECOVERY_CODE_COUNT, clock.now());
        await audit(tx, subject, {
          action: 'second-factor.recovery-codes.regenerate',
          targetType: 'user',
          targetId: subject.userId,
          after: { count: codes.length },
        });
        await mail(tx, found, secondFactorMails.recoveryCodesRegenerated);
        return codes;
      });
    },

    // ---- Second step of sign-in (the token from the password step; no session yet) -----------------

    /** WebAuthn options for signing in with one of the user's passkeys. */
    async signInPasskeyOptions(challenge: string) {
      const step = await findSecondStep(db, challenge, 'verify', clock.now());
      const options = await authenticationOptions(rp, await passkeysOf(db, step.userId));
      await rememberWebauthnChallenge(db, challenge, options.challenge);
      return options;
    },

    /** Completes a sign-in with an authenticator code, a recovery code or a passkey. */
    async completeSignIn(challenge: string, proof: TotpProof | RecoveryProof | PasskeyProof, ip: string, requestId: string) {
      const step = await findSecondStep(db, challenge, 'verify', clock.now());
      const subject = { ...(await stepUser(step)), requestId };
      await proving(subject, step, proof.method, async () => {
        if (proof.method === 'totp') {
          await acceptTotp(db, subject.userId, proof.code, true);
        } else if (proof.method === 'recovery') {
          await db.transaction(async (tx) => {
            const spent = await recovery.spend(tx, subject.userId, proof.code, clock.now());
            if (spent === 'used') throw invalid('RECOVERY_CODE_USED', 'This recovery code has already been used.');
            if (spent === 'wrong') throw invalid('RECOVERY_CODE_WRONG', 'This is not one of your recovery codes.');
            const left = await factorState(tx, subject.userId);
            await mail(tx, subject.account, secondFactorMails.recoveryCodeUsed, { remaining: left.recoveryCodesLeft });
          });
        } else {
          const [key] = (await passkeysOf(db, subject.userId)).filter((p) => p.credentialId === proof.response.id);
          if (!key || !step.webauthnChallenge) throw passkeyRefused();
          const counter = await verifyAuthentication(rp, proof.response, step.webauthnChallenge, key);
          await db.update(passkey).set({ counter, lastUsedAt: clock.now() }).where(eq(passkey.id, key.id));
        }
      });
      return startSession(challenge, subject, ip, proof.method);
    },

    /** The organization requires a factor: the enrolment step sets up an authenticator app first… */
    async enrolTotp(challenge: string) {
      const step = await findSecondStep(db, challenge, 'enrol', clock.now());
      return startTotp(await stepUser(step));
    },

    /** …or a passkey. */
    async enrolPasskeyOptions(challenge: string) {
      const step = await findSecondStep(db, challenge, 'enrol', clock.now());
      return passkeyOptions(await stepUser(step));
    },

    /** Confirms the new factor and starts the session; the first factor's recovery codes come with it. */
    async completeEnrolment(challenge: string, proof: TotpProof | ({ method: 'passkey' } & NewPasskey), ip: string, requestId: string) {
      const step = await findSecondStep(db, challenge, 'enrol', clock.now());
      const subject = { ...(await stepUser(step)), requestId };
      const { recoveryCodes } = await proving(subject, step, proof.method, () =>
        proof.method === 'totp' ? confirmTotp(subject, proof.code) : addPasskey(subject, proof),
      );
      return { ...(await startSession(challenge, subject, ip, proof.method)), recoveryCodes };
    },
  };
}

const requiredByOrganization = () =>
  conflict(
    'SECOND_FACTOR_REQUIRED_BY_ORGANIZATION',
    'Your organization requires a second factor; add another one before removing this one.',
  );

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;
