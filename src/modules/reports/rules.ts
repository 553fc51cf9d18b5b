import { invalid } from '../../platform/errors.js';
import type { ReportColumn, ReportFilter, StandardReport } from './standard/report.js';

/** R-REP-4: the most records a report shows or exports. */
export const REPORT_ROW_CAP = 10_000;

/** The filter values of a run: filter id → value (`from..to` for a date range; empty means not applied). */
export type FilterValues = Record<string, string>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) =>
  ISO_DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A date range filter's value: `from..to`, either side may be empty; a single day is that day alone. */
export function parseDateRange(value: string): { from: string | null; to: string | null } | null {
  const [from = '', to = from, ...rest] = value.includes('..') ? value.split('..') : [value, value];
  if (rest.length) return null;
  if ((from && !isDay(from)) || (to && !isDay(to))) return null;
  if (!from && !to) return null;
  if (from && to && from > to) return null;
  return { from: from || null, to: to || null };
}

/** The filters actually applied (empty values dropped), each checked against the report (R-REP-2). */
export function checkFilters(report: StandardReport, values: FilterValues): { filter: ReportFilter; value: string }[] {
  const out: { filter: ReportFilter; value: string }[] = [];
  for (const [id, raw] of Object.entries(values)) {
    const filter = report.filters.find((f) => f.id === id);
    if (!filter) throw invalid('REPORT_UNKNOWN_FILTER', `The report ${report.id} has no filter ${id}.`, { filter: id });
    const value = raw.trim();
    if (value === '') continue;
    const bad = () => invalid('REPORT_FILTER_INVALID', `The value of the filter ${id} is not one it takes.`, { filter: id });
    if (value.length > 200) throw bad();
    if (filter.type === 'enum' && !filter.values?.includes(value)) throw bad();
    if (filter.type === 'dateRange' && parseDateRange(value) === null) throw bad();
    out.push({ filter, value });
  }
  return out;
}

/**
 * The columns shown, in the report's order: those chosen (or the default selection), and every
 * required one. Unknown columns are refused (REPORT_UNKNOWN_COLUMN); when `keepRequired` (saving a
 * custom report, R-REP-3) leaving out a required one is refused too (REPORT_REQUIRED_COLUMN).
 */
export function chooseColumns(
  report: StandardReport,
  chosen: readonly string[] | undefined,
  { keepRequired = false } = {},
): ReportColumn[] {
  if (chosen === undefined || chosen.length === 0) return report.columns.filter((c) => c.required || c.selected);
  for (const id of chosen) {
    if (!report.columns.some((c) => c.id === id))
      throw invalid('REPORT_UNKNOWN_COLUMN', `The report ${report.id} has no column ${id}.`, { column: id });
  }
  const missing = report.columns.filter((c) => c.required && !chosen.includes(c.id));
  if (keepRequired && missing.length)
    throw invalid('REPORT_REQUIRED_COLUMN', `The column ${missing[0]?.id} is required and cannot be removed.`, {
      columns: missing.map((c) => c.id),
    });
  const wanted = (c: ReportColumn) => c.required || chosen.includes(c.id) || (c.type === 'currency' && moneyOf(report, c.id, chosen));
  return report.columns.filter(wanted);
}

/** R-REP-4: a chosen money column brings its currency column along, so an amount is never shown without it. */
const moneyOf = (report: StandardReport, currencyId: string, chosen: readonly string[]) =>
  report.columns.some((m) => m.type === 'money' && m.currencyColumn === currencyId && chosen.includes(m.id));

/** Whether more records exist than a report shows (R-REP-4). */
export const isTruncated = (total: number) => total > REPORT_ROW_CAP;
