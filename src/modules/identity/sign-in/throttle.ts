import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { hits, retryAfterSeconds } from '../../../platform/rate-limit.js';

/**
 * Failed password attempts, counted three ways within a fixed window:
 * - `pair`: one account from one client address. A guesser at one address is stopped here, while
 *   the owner at any other address still signs in (a stranger cannot lock them out);
 * - `account`: one account from every address, a higher ceiling that slows a spray from many
 *   addresses. Past it an account with a second factor still goes on to that step (the password
 *   alone opens nothing), one without waits;
 * - `address`: one client address across accounts (an office shares one address: generous).
 * Only failures count: an attempt is counted before the password is checked (so a parallel burst
 * cannot slip past the limit) and forgiven when it turns out right.
 */
export type Counter = 'pair' | 'account' | 'address';

export type AttemptCounts = Record<Counter, number>;

export interface SignInLimits {
  pair: number;
  account: number;
  address: number;
}

export const signInLimits = (config: Config): SignInLimits => ({
  pair: config.SIGN_IN_LIMIT,
  account: config.SIGN_IN_ACCOUNT_LIMIT,
  address: config.SIGN_IN_IP_LIMIT,
});

/** The counters that refuse this attempt (its own hit included); the account's only for an account without a second factor. */
export function refusingCounters(counts: AttemptCounts, limits: SignInLimits, accountHasSecondFactor: boolean): Counter[] {
  const over: Counter[] = [];
  if (counts.pair > limits.pair) over.push('pair');
  if (counts.address > limits.address) over.push('address');
  if (counts.account > limits.account && !accountHasSecondFactor) over.push('account');
  return over;
}

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', 429, message, { retryAfterSeconds });

export interface SignInAttempt {
  readonly counts: AttemptCounts;
  /** Throws 429 RATE_LIMITED (with the seconds until the refusing windows end) when a counter is over. */
  refuseIfOver(accountHasSecondFactor: boolean): Promise<void>;
  /** The password was right: the attempt was no failure, and this address's failures on the account are forgiven. */
  forgive(): Promise<void>;
}

export function createSignInThrottle(db: DbOrTx, config: Config) {
  const window = config.SIGN_IN_WINDOW_SECONDS;
  const limits = signInLimits(config);
  return {
    /** Counts a password attempt as a failure until `forgive()`. `email` normalized, `ip` the client address. */
    async begin(email: string, ip: string, now: Date): Promise<SignInAttempt> {
      const keys: Record<Counter, string> = {
        pair: `sign-in:fail:${email}|${ip}`,
        account: `sign-in:fail:${email}`,
        address: `sign-in:fail-ip:${ip}`,
      };
      const [pair = 0, account = 0, address = 0] = await hits(db, [keys.pair, keys.account, keys.address], window, now);
      const counts = { pair, account, address };
      return {
        counts,
        async refuseIfOver(accountHasSecondFactor) {
          const over = refusingCounters(counts, limits, accountHasSecondFactor);
          if (over.length === 0) return;
          throw rateLimited(
            'Too many failed sign-in attempts. Wait and try again.',
            await retryAfterSeconds(
              db,
              over.map((c) => keys[c]),
              window,
              now,
            ),
          );
        },
        async forgive() {
          await db.execute(sql`delete from rate_limit where key = ${keys.pair}`);
          await db.execute(
            sql`update rate_limit set count = greatest(count - 1, 0) where key = any(${sql.param([keys.account, keys.address])}::text[])`,
          );
        },
      };
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
