import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';

const run = promisify(execFile);
const PSQL = process.env.PSQL ?? '/usr/bin/psql';
/** txid_current() counts wraparounds (epochs) in its upper bits; a row's xmin is the lower 32 bits only. */
const XID_SPAN = 2n ** 32n;

export interface TableRows {
  table: string;
  rows: number;
}

/**
 * The transaction id a write made now would get. Every row a later transaction inserts carries a
 * higher one in its xmin, so two markers around a run name exactly the rows that run wrote.
 */
export async function xidMarker(client: pg.Client): Promise<bigint> {
  const res = await client.query<{ x: string }>('select txid_current()::text as x');
  return BigInt(res.rows[0]?.x ?? '0');
}

const tablesOf = async (client: pg.Client) =>
  (
    await client.query<{ name: string }>(`
      select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`)
  ).rows.map((r) => r.name);

/** Rows per table of the public schema, before a run: what the run added is compared with it. */
export async function rowCounts(client: pg.Client): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of await tablesOf(client)) {
    const res = await client.query<{ n: string }>(`select count(*) as n from "${t}"`);
    counts.set(t, Number(res.rows[0]?.n));
  }
  return counts;
}

/** The tables in an order where every table comes after those its foreign keys point to. */
async function dependencyOrder(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const fks = await client.query<{ child: string; parent: string }>(`
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and c.relnamespace = 'public'::regnamespace`);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}: no order for COPY`);
    visiting.add(t);
    // A table's keys to itself (agreement's MBSA) are checked at the end of its COPY, so they need no order.
    for (const fk of fks.rows) if (fk.child === t && fk.parent !== t && tables.includes(fk.parent)) visit(fk.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

/** Columns COPY can fill: generated columns are computed by the database and refuse a value. */
async function copyColumns(client: pg.Client, table: string): Promise<string> {
  const res = await client.query<{ name: string }>(
    `select attname as name from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    [`"${table}"`],
  );
  return res.rows.map((r) => `"${r.name}"`).join(', ');
}

/**
 * The second reference of import-agreements: every row a run wrote (its xmin between the
 * markers) copied out of `from` (COPY … TO STDOUT), then COPYed into `to`, a copy of `from` as it
 * was before the run, table by table in the order of their foreign keys, in one transaction, with
 * every index, key, constraint and trigger in place. Only that COPY IN is timed. Refuses to measure
 * when the run changed or deleted rows that were there before (they would not be in the files).
 */
export async function copyWrittenRows(opts: {
  from: pg.Client;
  fromUrl: string;
  toUrl: string;
  dir: string;
  before: Map<string, number>;
  markers: readonly [bigint, bigint];
}): Promise<{ ms: number; tables: TableRows[] }> {
  const [lo, hi] = opts.markers.map((m) => m % XID_SPAN);
  if (lo === undefined || hi === undefined || hi <= lo) throw new Error('the transaction ids wrapped around during the run');
  const written = `xmin::text::bigint > ${lo} and xmin::text::bigint < ${hi}`;
  const tables: TableRows[] = [];
  for (const t of await tablesOf(opts.from)) {
    const res = await opts.from.query<{ total: string; new: string }>(
      `select count(*) as total, count(*) filter (where ${written}) as new from "${t}"`,
    );
    const added = Number(res.rows[0]?.total) - (opts.before.get(t) ?? 0);
    const fresh = Number(res.rows[0]?.new);
    if (fresh !== added) throw new Error(`${t}: ${fresh} rows written by the run but ${added} more rows: it changed earlier rows`);
    if (fresh > 0) tables.push({ table: t, rows: fresh });
  }
  const order = await dependencyOrder(
    opts.from,
    tables.map((t) => t.table),
  );
  const out: string[] = [];
  const into: string[] = [];
  for (const t of order) {
    const columns = await copyColumns(opts.from, t);
    const file = path.join(opts.dir, `written-${t}.tsv`);
    out.push(`\\copy (select ${columns} from "${t}" where ${written}) to '${file}'`);
    into.push(`\\copy "${t}" (${columns}) from '${file}'`);
  }
  const psql = async (url: string, name: string, lines: string[], single: boolean) => {
    const script = path.join(opts.dir, name);
    await writeFile(script, `${lines.join('\n')}\n`);
    await run(PSQL, ['-X', '-q', ...(single ? ['-1'] : []), '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script], {
      maxBuffer: 1 << 24,
    });
  };
  await psql(opts.fromUrl, 'copy-out.sql', out, false);
  // One psql, one transaction, as the import is one.
  const t0 = performance.now();
  await psql(opts.toUrl, 'copy-in.sql', into, true);
  const ms = performance.now() - t0;
  return { ms, tables: order.map((t) => tables.find((r) => r.table === t) as TableRows) };
}
