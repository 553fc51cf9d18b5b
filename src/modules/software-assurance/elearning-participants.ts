import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesGranting } from '../../platform/authz/actions.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { saHolding } from './activate.js';
import { domainRefusal, mayListParticipants, normalizeDomain } from './elearning-rules.js';
import { mayManageBenefit } from './rules.js';

/** The page position: the last participant's join time (microseconds, UTC, as the database keeps it) and id. */
const ParticipantPosition = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), z.uuid()]);

export interface ElearningParticipant {
  id: string;
  email: string;
  joinedAt: string;
}

/** Every role but the SA Manager that reads SA: those see the participants whatever an SA Manager grant's duties are. */
const OTHER_SA_READERS = rolesGranting('sa.view').filter((r) => r !== 'SA_MANAGER');

/**
 * R-PERM-8: an SA Manager narrowed to other benefits, with no other role that reads SA here, is
 * refused. Whether the actor may also remove participants (manages the benefit), for the portal.
 */
export async function mustListParticipants(tx: DbOrTx, actor: Actor, licensingId: string): Promise<{ mayRemove: boolean }> {
  const other = await tx.execute<{ held: boolean }>(sql`
    select exists (select 1 from role_grant where user_id = ${actor.userId} and licensing_id = ${licensingId} and active
      and role in (${sql.join(
        OTHER_SA_READERS.map((r) => sql`${r}`),
        sql`, `,
      )})) as held`);
  const holding = await saHolding(tx, actor, licensingId);
  if (!mayListParticipants(holding, other.rows[0]?.held === true)) {
    throw new DomainError('SA_BENEFIT_GROUP_NOT_HELD', 403, 'Your SA Manager role does not include this benefit.', {
      benefit: 'E_LEARNING',
    });
  }
  return { mayRemove: mayManageBenefit(holding, 'E_LEARNING') };
}

/**
 * R-SA-4: the employees counted as participants of a Licensing ID's e-Learning, newest first,
 * optionally only those on one domain, a page at a time (keyset on join time and id, so a
 * participant joining meanwhile neither repeats nor skips a row).
 */
export async function listParticipants(
  tx: DbOrTx,
  licensingId: string,
  q: { domain?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: ElearningParticipant[]; nextCursor: string | null }> {
  const domain = q.domain ? normalizeDomain(q.domain) : null;
  if (domain !== null && domainRefusal(domain, []) === 'ELEARNING_DOMAIN_INVALID') {
    throw invalid('ELEARNING_DOMAIN_INVALID', 'This is not an e-mail domain.', { domain });
  }
  const after = q.cursor ? decodeCursor(q.cursor, ParticipantPosition) : null;
  const res = await tx.execute<{ id: string; email: string; joined: string }>(sql`
    select id, holder_email as email,
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as joined
    from sa_benefit_use
    where licensing_id = ${licensingId} and benefit = 'E_LEARNING' and kind = 'E_LEARNING_PARTICIPANT' and status <> 'CANCELLED'
      ${domain === null ? sql`` : sql`and split_part(holder_email, '@', 2) = ${domain}`}
      ${after ? sql`and (created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by created_at desc, id desc
    limit ${q.limit + 1}`);
  const shown = res.rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    // The API gives the join time in milliseconds, as every other time; the cursor keeps the database's precision.
    items: shown.map((r) => ({ id: r.id, email: r.email, joinedAt: new Date(r.joined).toISOString() })),
    nextCursor: res.rows.length > q.limit && last ? encodeCursor([last.joined, last.id]) : null,
  };
}
