import type { SQL } from 'drizzle-orm';
import type { LicensingAction } from '../../../platform/authz/actions.js';

/** R-REP-1: the four groups the standard reports are listed in. */
export const REPORT_GROUPS = ['AGREEMENTS', 'LICENSES_AND_SERVICES', 'ORDERS_AND_INVOICES', 'SA_BENEFITS'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/**
 * What a column holds, so the screen and the workbook read it right: `text` stays text in a
 * spreadsheet (even `1/9` or `0012`), `code` is text from a fixed set (a status, a license type) the
 * portal translates, `money` is an amount whose currency code sits in the `currency` column named.
 */
export const COLUMN_TYPES = ['text', 'code', 'integer', 'date', 'money', 'currency'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ReportColumn {
  id: string;
  type: ColumnType;
  /** Always shown; a custom report cannot drop it (R-REP-3). */
  required?: boolean;
  /** Shown when the user has not chosen columns. */
  selected?: boolean;
  /** For a money column: the id of the column holding its currency code. */
  currencyColumn?: string;
}

/**
 * R-REP-2: how a filter narrows the rows: `text` a case-insensitive part of the column, `enum` one
 * of `values`, `dateRange` `from..to` (either side may be left out) on a date column, `licensingId`
 * a Licensing ID's number exactly.
 */
export const FILTER_TYPES = ['text', 'enum', 'dateRange', 'licensingId'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export interface ReportFilter {
  id: string;
  type: FilterType;
  /** The column of the report's rows it tests (need not be one the report shows). */
  column: string;
  /** Shown at once; the others are behind "Show more filters". */
  primary: boolean;
  values?: readonly string[];
}

/**
 * A standard report: its rows come from the module owning the data, as a select with the columns
 * declared here plus `licensingIdRef` (scoped by `action`, scope.ts) and `sortKey` (a stable order).
 */
export interface StandardReport {
  id: string;
  group: ReportGroup;
  /** Which of the user's Licensing IDs the report covers: those whose roles allow this action. */
  action: LicensingAction;
  columns: readonly ReportColumn[];
  filters: readonly ReportFilter[];
  source: () => SQL;
}

export const defineReport = (r: StandardReport): StandardReport => r;

/** The Licensing ID filter every report has, as its first primary filter. */
export const licensingIdFilter: ReportFilter = { id: 'licensingId', type: 'licensingId', column: 'licensingId', primary: true };
