import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { executeNamed } from '../../../platform/db/named.js';
import { apiToken, session, user } from '../tables.js';

export const SESSION_COOKIE = 'lsc_session';
export const CSRF_COOKIE = 'lsc_csrf';
export const TOKEN_PREFIX = 'lsc_';

export interface SessionActor extends Actor {
  csrfToken: string;
}

export async function createSession(db: Db, userId: string, now: Date, ttlHours: number) {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await db.insert(session).values({ idHash: sha256(token), userId, csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(session).where(eq(session.idHash, sha256(token)));
}

const actorColumns = {
  userId: user.id,
  organizationId: user.organizationId,
  email: user.email,
  locale: user.locale,
  isOperator: user.isOperator,
};

/**
 * Only active users have an actor: a deactivated or removed user loses access at once (R-ID-6).
 * Every cookie request asks this, so it is a statement prepared once per connection.
 */
export async function actorFromSession(db: Db, token: string, now: Date, requestId: string): Promise<SessionActor | null> {
  const res = await executeNamed<Omit<SessionActor, 'via' | 'requestId'>>(
    db,
    'lsc-session-actor',
    sql`
      select u.id as "userId", u.organization_id as "organizationId", u.email, u.locale, u.is_operator as "isOperator",
        s.csrf_token as "csrfToken"
      from session s join "user" u on u.id = s.user_id
      where s.id_hash = ${sha256(token)} and s.expires_at > ${now.toISOString()} and u.status = 'active'`,
  );
  const row = res.rows[0];
  return row ? { ...row, via: 'session', requestId } : null;
}

export async function actorFromToken(db: Db, bearer: string, now: Date, requestId: string): Promise<Actor | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .update(apiToken)
    .set({ lastUsedAt: now })
    .from(user)
    .where(
      and(
        eq(apiToken.tokenHash, sha256(bearer)),
        eq(user.id, apiToken.userId),
        eq(user.status, 'active'),
        isNull(apiToken.revokedAt),
        or(isNull(apiToken.expiresAt), gt(apiToken.expiresAt, now)),
      ),
    )
    .returning(actorColumns);
  return row ? { ...row, via: 'token', requestId } : null;
}

export async function purgeExpiredSessions(db: Db, now: Date) {
  await db.delete(session).where(sql`${session.expiresAt} < ${now.toISOString()}`);
}

/**
 * Ends every way the user is signed in: browser sessions are deleted and personal API tokens
 * revoked. Used when a person loses the organization (deactivation with no role left, R-PERM-7,
 * R-ID-6) and when a password is reset, so a stolen session does not outlive either.
 */
export async function endAllSessions(tx: DbOrTx, userId: string, now: Date): Promise<{ sessions: number; tokens: number }> {
  const ended = await tx.delete(session).where(eq(session.userId, userId)).returning({ userId: session.userId });
  const revoked = await tx
    .update(apiToken)
    .set({ revokedAt: now })
    .where(and(eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  return { sessions: ended.length, tokens: revoked.length };
}
