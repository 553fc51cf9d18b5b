import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';

const dialect = new PgDialect();

/**
 * A query's rows in batches of `batch`, read through a server-side cursor in a read-only
 * transaction of its own (one connection taken from the pool while the rows are read), so a
 * million-row export never sits in memory and each round trip brings many rows. Rows come as
 * arrays, in the query's column order. A consumer that stops early (a closed download) ends the
 * transaction and gives the connection back.
 */
export async function* cursorBatches(pool: pg.Pool, query: SQL, batch = 10_000): AsyncGenerator<unknown[][]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  let failed = true;
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query({ text: `declare export_cursor no scroll cursor for ${text}`, values: params });
    for (;;) {
      const res = await client.query<unknown[]>({ text: `fetch forward ${batch} from export_cursor`, rowMode: 'array' });
      if (res.rows.length === 0) break;
      yield res.rows;
      if (res.rows.length < batch) break;
    }
    failed = false;
  } finally {
    try {
      await client.query(failed ? 'rollback' : 'commit');
      client.release();
    } catch (e) {
      client.release(e instanceof Error ? e : true);
    }
  }
}
