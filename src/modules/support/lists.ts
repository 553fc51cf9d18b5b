import { type AnyColumn, and, eq, inArray, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { type SummaryRow, scopeWhere, summariesOf } from './read.js';
import { AWAITING_PUBLISHER, type SupportStatus } from './rules.js';
import { MinePosition, QueuePosition, type SupportPageQuery, type SupportQueueFilter } from './schemas.js';
import { supportRequest } from './tables.js';

/** A timestamp with all of the database's microseconds, in UTC: what a page position compares against. */
const exact = (c: AnyColumn | SQL) => sql<string>`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const at = (text: string) => sql`${text}::timestamptz`;

const awaiting = sql<boolean>`(${inArray(supportRequest.status, [...AWAITING_PUBLISHER])})`;
/** Since when an awaiting request waits (its due time less the answer hours); null for the others. */
const waitingSince = sql`case when ${awaiting} then coalesce(${supportRequest.awaitingSince}, ${supportRequest.submittedAt}) end`;

const pageOf = (tx: DbOrTx) =>
  summariesOf(tx, {
    keyAwaiting: awaiting,
    keySince: sql<string | null>`${exact(waitingSince)}`,
    keyUpdated: exact(supportRequest.updatedAt),
    keySubmitted: exact(supportRequest.submittedAt),
  });
type PageRow = Awaited<ReturnType<ReturnType<typeof pageOf>['execute']>>[number];

/**
 * R-SUP-1: the requester's list and the publisher's queue, a page at a time (keyset positions in
 * the platform's one cursor codec), so neither is cut at a fixed number of requests.
 */
export function createSupportLists<V>({ clock, hours, view }: { clock: Clock; hours: number; view: (row: SummaryRow, now: Date) => V }) {
  const shown = (rows: PageRow[], limit: number, position: (last: PageRow) => unknown[]) => {
    const now = clock.now();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(({ keyAwaiting: _a, keySince: _s, keyUpdated: _u, keySubmitted: _b, ...r }) => view(r, now)),
      nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
    };
  };

  return {
    /** The requester's own requests, newest first (never a colleague's: each person sees what they sent). */
    async mine(db: DbOrTx, actor: Actor, q: SupportPageQuery) {
      const after = q.cursor ? decodeCursor(q.cursor, MinePosition) : null;
      const rows = await pageOf(db)
        .where(
          and(
            scopeWhere({ kind: 'requester', actor }),
            after ? sql`(${supportRequest.submittedAt}, ${supportRequest.id}) < (${at(after[0])}, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(sql`${supportRequest.submittedAt} desc`, sql`${supportRequest.id} desc`)
        .limit(q.limit + 1);
      return shown(rows, q.limit, (l) => [l.keySubmitted, l.id]);
    },

    /**
     * R-SUP-1: the publisher's queue. Requests awaiting an answer come first, the longest-waiting
     * (soonest due) first; then the others, most recently changed first.
     */
    async queue(db: DbOrTx, filter: SupportQueueFilter) {
      const now = clock.now();
      const conditions: (SQL | undefined)[] = [];
      if (filter.status === 'OPEN') conditions.push(ne(supportRequest.status, 'CLOSED'));
      else if (filter.status === 'AWAITING_ANSWER') conditions.push(awaiting);
      else if (filter.status === 'OVERDUE')
        conditions.push(
          awaiting,
          isNotNull(supportRequest.awaitingSince),
          lt(supportRequest.awaitingSince, new Date(now.getTime() - hours * 3_600_000)),
        );
      else if (filter.status !== 'ALL') conditions.push(eq(supportRequest.status, filter.status as SupportStatus));
      if (filter.topic) conditions.push(eq(supportRequest.topic, filter.topic));
      if (filter.cursor) conditions.push(queueAfter(decodeCursor(filter.cursor, QueuePosition)));
      const rows = await pageOf(db)
        .where(and(...conditions))
        .orderBy(sql`${awaiting} desc`, sql`${waitingSince} asc`, sql`${supportRequest.updatedAt} desc`, sql`${supportRequest.id} asc`)
        .limit(filter.limit + 1);
      return shown(rows, filter.limit, (l) => [l.keyAwaiting, l.keySince, l.keyUpdated, l.id]);
    },
  };
}

/** The rows after a queue position, in the queue's order (its keys run in both directions, so spelled out). */
function queueAfter([wasAwaiting, since, updated, id]: readonly [boolean, string | null, string, string]): SQL {
  const laterInGroup = sql`(${supportRequest.updatedAt} < ${at(updated)}
    or (${supportRequest.updatedAt} = ${at(updated)} and ${supportRequest.id} > ${id}::uuid))`;
  if (!wasAwaiting || since === null) return sql`(not ${awaiting} and ${laterInGroup})`;
  return sql`(not ${awaiting} or ${waitingSince} > ${at(since)} or (${waitingSince} = ${at(since)} and ${laterInGroup}))`;
}
