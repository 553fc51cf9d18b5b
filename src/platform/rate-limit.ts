import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db/client.js';

/**
 * Counts a hit on `key` in a fixed window and returns the count so far, in one atomic statement in
 * the database, so every app node shares the same counter.
 */
export async function hit(db: DbOrTx, key: string, windowSeconds: number, now: Date): Promise<number> {
  const res = await db.execute<{ count: number }>(sql`
    insert into rate_limit (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
    on conflict (key) do update set
      count = case when rate_limit.window_start <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})
                   then 1 else rate_limit.count + 1 end,
      window_start = case when rate_limit.window_start <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})
                   then ${now.toISOString()}::timestamptz else rate_limit.window_start end
    returning count`);
  return Number(res.rows[0]?.count ?? 0);
}
