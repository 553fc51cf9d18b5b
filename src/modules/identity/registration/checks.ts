import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError } from '../../../platform/errors.js';
import { hit } from '../../../platform/rate-limit.js';
import { normalizeEmail } from '../rules.js';
import { directoryEntry, emailVerification, user } from '../tables.js';
import { type AddressFacts, daysAfter, passwordProblem, type Refusal } from './rules.js';

export interface RegistrationDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** Who called a public route: there is no actor yet, but the request is still audited and limited. */
export interface PublicRequest {
  ip: string;
  requestId: string;
}

/** R-ID-4 E06: the work account a personal address was linked to, if it is still active. */
export async function linkedWorkAccount(db: DbOrTx, email: string): Promise<string | null> {
  const [row] = await db
    .select({ email: user.email })
    .from(user)
    .where(and(sql`lower(${user.personalEmail}) = ${normalizeEmail(email)}`, eq(user.status, 'active')))
    .limit(1);
  return row?.email ?? null;
}

export const workAccountRequired = (workAccount: string) =>
  new DomainError('E06', 400, `We are unable to complete your action. Sign in using your work account ${workAccount}.`, {
    workAccount,
  });

export function refusalError(r: Refusal): DomainError {
  switch (r.code) {
    case 'E06':
      return workAccountRequired(r.workAccount);
    case 'PERSONAL_ACCOUNT':
      return new DomainError('PERSONAL_ACCOUNT', 400, 'Personal e-mail addresses cannot be used; use your work account.');
    case 'ACCOUNT_EXISTS':
      return conflict('ACCOUNT_EXISTS', 'An account with this e-mail address already exists. Sign in instead.');
    case 'E02':
      return new DomainError(
        'E02',
        403,
        'The e-mail domain is restricted for automatic sign-up. Ask your administrator for an invitation.',
      );
    case 'E03':
      return new DomainError('E03', 403, 'Your organization has turned off sign-up for the Licensing Service Center.');
    case 'E04':
      return new DomainError('E04', 403, "The account does not exist in the organization's directory.", { reason: r.reason });
    case 'E05':
      return new DomainError('E05', 403, 'The e-mail domain is restricted for automatic sign-up; register with the invited address.');
  }
}

export const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

export const day = (d: Date) => d.toISOString().slice(0, 10);
export const fullName = (first: string, last: string, fallback: string) => `${first} ${last}`.trim() || fallback;

/** What the public registration use-cases share: the rate limit, the address facts, the password rule, mailed links. */
export function createRegistrationChecks({ db, config }: Pick<RegistrationDeps, 'db' | 'config'>) {
  const personalDomains = config.PERSONAL_MAIL_DOMAINS;

  /** Public routes hash passwords and say whether addresses are taken: limit them per client like sign-in. */
  async function limit(req: PublicRequest, now: Date) {
    const window = config.SIGN_IN_WINDOW_SECONDS;
    if ((await hit(db, `registration:ip:${req.ip}`, window, now)) > config.SIGN_IN_IP_LIMIT) {
      throw new DomainError('RATE_LIMITED', 429, 'Too many attempts.', { retryAfterSeconds: window });
    }
  }

  async function addressFacts(email: string, organizationId: string | null): Promise<AddressFacts> {
    const address = normalizeEmail(email);
    const [linked, existing, listed] = await Promise.all([
      linkedWorkAccount(db, address),
      db.select({ id: user.id }).from(user).where(sql`lower(${user.email}) = ${address}`).limit(1),
      organizationId
        ? db
            .select({ id: directoryEntry.id })
            .from(directoryEntry)
            .where(
              and(
                eq(directoryEntry.organizationId, organizationId),
                sql`lower(${directoryEntry.email}) = ${address}`,
                eq(directoryEntry.active, true),
              ),
            )
            .limit(1)
        : Promise.resolve([]),
    ]);
    return {
      email: address,
      personalDomains,
      linkedWorkAccount: linked,
      accountExists: existing.length > 0,
      inDirectory: listed.length > 0,
    };
  }

  function checkPassword(password: string, email: string) {
    const problem = passwordProblem(password, email, config.PASSWORD_MIN_LENGTH);
    if (problem) {
      throw new DomainError('WEAK_PASSWORD', 400, `Use at least ${config.PASSWORD_MIN_LENGTH} characters, not your e-mail address.`, {
        reason: problem,
        minLength: config.PASSWORD_MIN_LENGTH,
      });
    }
  }

  async function issueVerification(tx: DbOrTx, userId: string, address: string, grantIds: string[], now: Date) {
    const token = randomToken();
    const expiresAt = daysAfter(now, config.VERIFICATION_TTL_DAYS);
    await tx.insert(emailVerification).values({ userId, address, tokenHash: sha256(token), createdAt: now, expiresAt, grantIds });
    return { url: `${config.publicUrl}/verify-email?token=${token}`, expiresAt };
  }

  return { personalDomains, limit, addressFacts, checkPassword, issueVerification };
}
