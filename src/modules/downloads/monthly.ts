import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { holdersSql, visibleLicensingIds } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { zeroFilled } from '../../platform/series.js';
import { lastMonths, MONTHS_SHOWN } from './rules.js';

/**
 * Downloads per UTC month over the last twelve months, months without any as 0: the downloads of
 * the people who may download on the actor's Licensing IDs (downloads.get), or on the one chosen.
 * A download is a file fetched by a user on a day: the ranges and resumes of one download (many
 * requests in the download record) count once. A chosen Licensing ID outside the scope answers
 * 404, like one that does not exist.
 */
export async function downloadsPerMonth(db: Db, clock: Clock, actor: Actor, licensingId: string | undefined) {
  const scope = await visibleLicensingIds(db, actor, 'downloads.get');
  if (licensingId !== undefined && !scope.includes(licensingId)) throw notFound('Licensing ID');
  const ids = licensingId !== undefined ? [licensingId] : scope;
  const buckets = lastMonths(clock.now(), MONTHS_SHOWN);
  if (ids.length === 0) return { licensingId: licensingId ?? null, months: zeroFilled(buckets, [], 'month') };
  const from = `${buckets[0]}-01T00:00:00Z`;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const res = await db.execute<{ bucket: string; count: number }>(sql`
    select to_char(date_trunc('month', e.at at time zone 'UTC'), 'YYYY-MM') as bucket,
           count(distinct (e.user_id, e.file_id, date_trunc('day', e.at at time zone 'UTC')))::int as count
    from download_event e
    where e.at >= ${from}::timestamptz
      and exists (select 1 from unnest(array[${list}]) l(id) where e.user_id in (${holdersSql(sql`l.id`, 'downloads.get')}))
    group by 1`);
  return { licensingId: licensingId ?? null, months: zeroFilled(buckets, res.rows, 'month') };
}
