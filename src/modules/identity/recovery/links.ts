import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { hits } from '../../../platform/rate-limit.js';
import { normalizeEmail } from '../rules.js';
import { passwordReset } from '../tables.js';
import { minutesAfter } from './rules.js';

/** The portal page a reset link opens; the secret travels as ?token=… (like the other mailed links). */
export const RESET_PAGE = '/reset-password';
export const FORGOT_PAGE = '/forgot-password';

/**
 * Counts a reset request against the address asked for and, for public requests, the client's
 * address. Both keys come from the request alone, so a refusal says nothing about whether the
 * account exists; the per-address limit bounds the mails one owner can be sent.
 */
export async function limitResetRequests(tx: DbOrTx, config: Config, now: Date, req: { email: string; ip?: string }) {
  const window = config.PASSWORD_RESET_WINDOW_SECONDS;
  const keys = [`password-reset:account:${normalizeEmail(req.email)}`, ...(req.ip ? [`password-reset:ip:${req.ip}`] : [])];
  const [byAccount = 0, byAddress = 0] = await hits(tx, keys, window, now);
  if (byAccount > config.PASSWORD_RESET_ACCOUNT_LIMIT || byAddress > config.PASSWORD_RESET_IP_LIMIT) {
    throw new DomainError('RATE_LIMITED', 429, 'Too many password reset requests.', { retryAfterSeconds: window });
  }
}

/**
 * A fresh single-use link for the user, in the caller's transaction: only the hash of its secret
 * is stored, and the user's open links stop working (the newest mail is the one that counts).
 */
export async function issueResetLink(
  tx: DbOrTx,
  config: Config,
  now: Date,
  link: { userId: string; sentBy: string | null },
): Promise<{ url: string; expiresAt: Date }> {
  // Serializes two requests for one user, so at most one link is open.
  await tx.execute(sql`select 1 from "user" where id = ${link.userId} for update`);
  await retireOpenLinks(tx, link.userId, now);
  const token = randomToken();
  const expiresAt = minutesAfter(now, config.PASSWORD_RESET_TTL_MINUTES);
  await tx.insert(passwordReset).values({ userId: link.userId, tokenHash: sha256(token), sentBy: link.sentBy, createdAt: now, expiresAt });
  return { url: `${config.publicUrl}${RESET_PAGE}?token=${token}`, expiresAt };
}

/** Expires every unused link of the user that still works. */
export async function retireOpenLinks(tx: DbOrTx, userId: string, now: Date): Promise<void> {
  await tx
    .update(passwordReset)
    .set({ expiresAt: now })
    .where(and(eq(passwordReset.userId, userId), isNull(passwordReset.usedAt), gt(passwordReset.expiresAt, now)));
}

/** "2026-03-01 14:05 UTC": when something happened, in mails read in any time zone. */
export const mailTime = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
