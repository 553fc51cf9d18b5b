import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { DomainError } from '../../platform/errors.js';
import { checkFilters, chooseColumns, type FilterValues, isTruncated, parseDateRange, REPORT_ROW_CAP } from './rules.js';
import { reportById } from './standard/catalogue.js';
import type { ReportColumn, ReportFilter, StandardReport } from './standard/report.js';

export type ReportValue = string | number | null;
export type ReportRow = Record<string, ReportValue>;

export interface ReportRun {
  report: StandardReport;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Every record the filters match, beyond the cap too. */
  total: number;
  /** R-REP-4: more records exist than the 10,000 a report shows. */
  truncated: boolean;
}

export interface RunOptions {
  filters?: FilterValues;
  columns?: readonly string[];
  /** A page of the capped result (the screen); without it, all of it (an export). */
  page?: { offset: number; limit: number };
}

export const unknownReport = (id: string) => new DomainError('REPORT_UNKNOWN', 404, `There is no report ${id}.`, { report: id });

/** The standard report, if the actor may run it; otherwise REPORT_UNKNOWN, as for a report that does not exist. */
export async function reportFor(db: DbOrTx, actor: Actor, id: string): Promise<StandardReport> {
  const report = reportById(id);
  if (!report || !(await mayRun(db, actor, report))) throw unknownReport(id);
  return report;
}

/** R-REP-1: a report is the actor's when their roles allow its action on at least one Licensing ID. */
export async function mayRun(db: DbOrTx, actor: Actor, report: StandardReport): Promise<boolean> {
  const res = await db.execute(sql`select 1 from licensing_id l where ${visibleTo(actor, report.action, sql`l.id`)} limit 1`);
  return (res.rowCount ?? 0) > 0;
}

const col = (id: string) => sql`r.${sql.identifier(id)}`;
const likePattern = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function condition(filter: ReportFilter, value: string): SQL {
  const c = col(filter.column);
  switch (filter.type) {
    case 'text':
      return sql`${c} ilike ${likePattern(value)}`;
    case 'enum':
    case 'licensingId':
      return sql`${c} = ${value}`;
    case 'dateRange': {
      const range = parseDateRange(value);
      const parts = [range?.from ? sql`${c} >= ${range.from}` : null, range?.to ? sql`${c} <= ${range.to}` : null].filter(
        (p): p is SQL => p !== null,
      );
      return sql`${c} is not null and ${sql.join(parts, sql` and `)}`;
    }
  }
}

/**
 * Runs a standard report for the actor (R-REP-1, R-REP-2, R-REP-4): one query over the owning
 * module's rows, scoped in its WHERE by the Licensing IDs the actor's roles allow the report's
 * action on, filtered, in a stable order, never more than 10,000 rows; and a count of all that match.
 * What other modules call to run a report into a file.
 */
export async function runReport(db: DbOrTx, actor: Actor, reportId: string, options: RunOptions = {}): Promise<ReportRun> {
  const report = await reportFor(db, actor, reportId);
  const applied = checkFilters(report, options.filters ?? {});
  const columns = chooseColumns(report, options.columns);
  const where = sql.join(
    [visibleTo(actor, report.action, col('licensingIdRef')), ...applied.map(({ filter, value }) => condition(filter, value))],
    sql` and `,
  );
  const from = sql`from (${report.source()}) r where ${where}`;
  const offset = Math.min(options.page?.offset ?? 0, REPORT_ROW_CAP);
  const limit = Math.max(0, Math.min(options.page?.limit ?? REPORT_ROW_CAP, REPORT_ROW_CAP - offset));
  const select = sql.join(
    columns.map((c) => sql`${col(c.id)} as ${sql.identifier(c.id)}`),
    sql`, `,
  );
  const [rows, count] = await Promise.all([
    db.execute<Record<string, unknown>>(
      sql`select ${select} ${from} order by r."sortKey", r."licensingIdRef" limit ${limit} offset ${offset}`,
    ),
    db.execute<{ total: number }>(sql`select count(*)::int as total ${from}`),
  ]);
  const total = count.rows[0]?.total ?? 0;
  return {
    report,
    columns,
    rows: rows.rows.map((r) => Object.fromEntries(columns.map((c) => [c.id, cellOf(c, r[c.id])]))),
    total,
    truncated: isTruncated(total),
  };
}

function cellOf(c: ReportColumn, v: unknown): ReportValue {
  if (v === null || v === undefined) return null;
  if (c.type === 'integer' || c.type === 'money') return Number(v);
  return String(v);
}
