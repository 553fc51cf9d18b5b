import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';

const dialect = new PgDialect();

export interface CursorOptions {
  /** Rows per FETCH: large, so a million rows take a hundred round trips, not a million. */
  batch?: number;
  /** work_mem for this transaction only (e.g. '64MB'): a large ORDER BY sorts in memory rather than on disk. */
  workMem?: string;
}

const WORK_MEM = /^\d{1,6}(kB|MB)$/;

/**
 * A query's rows in batches, read through a server-side cursor in a read-only transaction of its
 * own (one connection taken from the pool while the rows are read), so a million-row export never
 * sits in memory. The next batch is fetched while the caller works on this one, so the database
 * and this process work side by side. Rows come as arrays, in the query's column order. A consumer
 * that stops early (a closed download) ends the transaction and gives the connection back.
 */
export async function* cursorBatches(pool: pg.Pool, query: SQL, options: CursorOptions = {}): AsyncGenerator<unknown[][]> {
  const batch = options.batch ?? 10_000;
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  let failed = true;
  let inFlight: Promise<unknown[][]> | null = null;
  const fetchNext = () =>
    client.query<unknown[]>({ text: `fetch forward ${batch} from export_cursor`, rowMode: 'array' }).then((r) => r.rows);
  try {
    await client.query('begin isolation level repeatable read read only');
    if (options.workMem) {
      if (!WORK_MEM.test(options.workMem)) throw new Error(`not a work_mem: ${options.workMem}`);
      await client.query(`set local work_mem = '${options.workMem}'`);
    }
    await client.query({ text: `declare export_cursor no scroll cursor for ${text}`, values: params });
    let next: Promise<unknown[][]> = fetchNext();
    inFlight = next;
    for (;;) {
      const rows = await next;
      inFlight = null;
      if (rows.length === 0) break;
      const more = rows.length === batch;
      if (more) {
        next = fetchNext();
        inFlight = next;
      }
      yield rows;
      if (!more) break;
    }
    failed = false;
  } finally {
    if (inFlight) await inFlight.catch(() => {});
    try {
      await client.query(failed ? 'rollback' : 'commit');
      client.release();
    } catch (e) {
      client.release(e instanceof Error ? e : true);
    }
  }
}
