import type { Readable } from 'node:stream';
import { csvStream } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { type ColumnKind, workbookStream, type XlsxValue } from '../../platform/xlsx.js';
import { codeLabel } from './code-labels.js';
import { COLUMN_LABELS, EXPORT_TEXT, REPORT_NAMES } from './labels.js';
import type { ReportRun } from './runner.js';
import type { ColumnType } from './standard/report.js';

/** R-REP-4: what each report column is in a workbook; a money amount and its currency are two columns. */
const KIND: Record<ColumnType, ColumnKind> = {
  text: 'text',
  code: 'text',
  integer: 'integer',
  date: 'date',
  money: 'currency',
  currency: 'text',
};

const header = (id: string, locale: Locale) => COLUMN_LABELS[id]?.[locale] ?? id;

/**
 * A run's rows as people read them: a code cell (a status, a program, a pool) in the user's words,
 * as the report table shows it; every other cell as it is.
 */
function cellsOf(run: ReportRun, locale: Locale): XlsxValue[][] {
  return run.rows.map((r) =>
    run.columns.map((c) => {
      const v = r[c.id] ?? null;
      return c.type === 'code' && typeof v === 'string' ? codeLabel(c.id, v, locale) : v;
    }),
  );
}

/** The title of an export: the custom report's name, or the standard report's in the user's language. */
export const reportTitle = (run: ReportRun, locale: Locale, name?: string) =>
  name ?? REPORT_NAMES[run.report.id]?.[locale] ?? run.report.id;

/** A report run as an Excel workbook: typed columns, and the warning above the table when records were left out. */
export function reportXlsx(run: ReportRun, locale: Locale, title: string): Readable {
  const warning = run.truncated ? EXPORT_TEXT[locale].truncated(run.total) : null;
  return workbookStream({
    // A sheet name is at most 31 characters and holds none of []:*?/\ (a custom report's name may).
    sheet:
      title
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 31)
        .trim() || run.report.id,
    preamble: [[title], ...(warning ? [[warning]] : [])],
    columns: run.columns.map((c) => ({ header: header(c.id, locale), kind: KIND[c.type], width: c.type === 'text' ? 24 : 16 })),
    rows: cellsOf(run, locale),
    notes: warning ? [warning] : [],
  });
}

/** The same as CSV (spreadsheet-safe cells, UTF-8 with a BOM for Excel). */
export function reportCsv(run: ReportRun, locale: Locale): Readable {
  const head = run.columns.map((c) => header(c.id, locale));
  const body = cellsOf(run, locale).map((r) => r.map((v) => v ?? ''));
  return csvStream([head, ...body], { bom: true });
}
