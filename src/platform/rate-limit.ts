import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db/client.js';

/**
 * Fixed-window counters in the database, so every app node shares them. The counting itself is
 * the SQL function count_hits (migration 0009).
 */

/** Adds hits (one each, or `amounts`) to each key; returns the counts so far, in the order of `keys`. */
export async function hits(
  db: DbOrTx,
  keys: readonly string[],
  windowSeconds: number,
  now: Date,
  amounts: readonly number[] = keys.map(() => 1),
): Promise<number[]> {
  const res = await db.execute<{ count: number }>(
    sql`select count from count_hits(${sql.param(keys)}::text[], ${sql.param(amounts)}::int[], ${now.toISOString()}::timestamptz, ${windowSeconds}::int) order by n`,
  );
  return res.rows.map((r) => Number(r.count));
}

/** Counts a hit on `key` in a fixed window and returns the count so far. */
export async function hit(db: DbOrTx, key: string, windowSeconds: number, now: Date): Promise<number> {
  const [count] = await hits(db, [key], windowSeconds, now);
  return count ?? 0;
}

/** Whole seconds until a fixed window that started at `windowStart` ends (at least 1). */
export function secondsUntilWindowEnds(windowStart: Date, windowSeconds: number, now: Date): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

/**
 * What a refused caller waits for: the seconds until the latest of the keys' current windows
 * ends (their real end, not a whole window), for `retryAfterSeconds` and the Retry-After header.
 */
export async function retryAfterSeconds(db: DbOrTx, keys: readonly string[], windowSeconds: number, now: Date): Promise<number> {
  const res = await db.execute<{ window_start: Date | string }>(
    sql`select window_start from rate_limit where key = any(${sql.param([...keys])}::text[])`,
  );
  return Math.max(1, ...res.rows.map((r) => secondsUntilWindowEnds(new Date(r.window_start), windowSeconds, now)));
}
