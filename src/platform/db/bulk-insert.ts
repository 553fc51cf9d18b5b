import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/** A column of a bulk insert: its name and the PostgreSQL type its text is cast to. */
export type BulkColumns = Record<string, string>;

const NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Many rows in one statement with one array parameter per column (`insert … select from
 * unnest(…)`): an import's tens of thousands of rows cost milliseconds, where a multi-row VALUES
 * list costs a parameter per cell and the query builder's time per value. Values travel as text
 * and are cast to each column's type. A module passes only its own tables (the architecture rule
 * on writes holds for the callers). Returns the `returning` columns of each row, in row order.
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
