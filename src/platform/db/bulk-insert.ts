import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { copyInto, transactionClient } from './copy.js';

/** A column of a bulk insert: its name and the PostgreSQL type its text is cast to. */
export type BulkColumns = Record<string, string>;

const NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Many rows in one statement: in a transaction by COPY (copyThenInsert), else with one array
 * parameter per column (`insert … select from unnest(…)`), where a multi-row VALUES list would
 * cost a parameter per cell and the query builder's time per value. Values travel as text and
 * are cast to each column's type. A module passes only its own tables (the architecture rule on
 * writes holds for the callers). Returns the `returning` columns of each row, in row order.
 */
export async function insertUnnest<R extends Record<string, unknown> = Record<string, never>>(
  tx: DbOrTx,
  table: string,
  columns: BulkColumns,
  rows: readonly Record<string, unknown>[],
  returning: readonly string[] = [],
  { skipConflicts = false }: { skipConflicts?: boolean } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  for (const n of [table, ...names, ...returning]) if (!NAME.test(n)) throw new Error(`insertUnnest: not a plain name: ${n}`);
  const client = transactionClient(tx);
  if (client) return copyThenInsert<R>(tx, client, table, columns, rows, returning, skipConflicts);
  const text = (v: unknown): string | null =>
    v === null || v === undefined
      ? null
      : typeof v === 'object' && !(v instanceof Date)
        ? JSON.stringify(v)
        : v instanceof Date
          ? v.toISOString()
          : String(v);
  const arrays = names.map((n) => sql`${sql.param(rows.map((r) => text(r[n])))}::text[]`);
  const casts = names.map((n, i) => `u.c${i}::${columns[n]}`).join(', ');
  const aliases = names.map((_, i) => `c${i}`).join(', ');
  const res = await tx.execute<R>(sql`
    insert into ${sql.raw(`"${table}"`)} (${sql.raw(names.map((n) => `"${n}"`).join(', '))})
    select ${sql.raw(casts)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(aliases)})
    ${skipConflicts ? sql`on conflict do nothing` : sql``}
    ${returning.length ? sql.raw(`returning ${returning.map((n) => `"${n}"`).join(', ')}`) : sql``}`);
  return res.rows as R[];
}

let staged = 0;

/**
 * In a transaction, the rows go by COPY: straight into the table when nothing is returned and a
 * conflict may fail the statement, else into a temporary table of text columns and from there
 * in one `insert … select` (which can skip conflicts and return the ids). COPY costs a fraction
 * of the array parameters' escaping and parsing for an import's hundred thousand rows.
 */
async function copyThenInsert<R>(
  tx: DbOrTx,
  client: NonNullable<ReturnType<typeof transactionClient>>,
  table: string,
  columns: BulkColumns,
  rows: readonly Record<string, unknown>[],
  returning: readonly string[],
  skipConflicts: boolean,
): Promise<R[]> {
  const names = Object.keys(columns);
  if (returning.length === 0 && !skipConflicts) {
    await copyInto(
      client,
      `"${table}"`,
      names,
      rows.map((r) => names.map((n) => r[n])),
    );
    return [];
  }
  staged += 1;
  const stage = `bulk_insert_${staged}`;
  const aliases = names.map((_, i) => `c${i}`);
  await tx.execute(sql.raw(`create temporary table ${stage} (ord int, ${aliases.map((a) => `${a} text`).join(', ')}) on commit drop`));
  await copyInto(
    client,
    stage,
    ['ord', ...aliases],
    rows.map((r, i) => [i, ...names.map((n) => r[n])]),
  );
  // Selected in the rows' order, so the returned rows come back in it.
  const res = await tx.execute<R & Record<string, unknown>>(
    sql.raw(`
      insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')})
      select ${names.map((n, i) => `c${i}::${columns[n]}`).join(', ')} from ${stage} order by ord
      ${skipConflicts ? 'on conflict do nothing' : ''}
      ${returning.length ? `returning ${returning.map((n) => `"${n}"`).join(', ')}` : ''}`),
  );
  // Dropped now, as a long transaction may stage many; after an error the rollback drops it.
  await tx.execute(sql.raw(`drop table ${stage}`));
  return res.rows as R[];
}
