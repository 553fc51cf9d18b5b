import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { LicensingAction } from '../../platform/authz/actions.js';
import type { Db } from '../../platform/db/client.js';
import { invalid } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { FilterValues } from './rules.js';
import { mayRun, type ReportRun } from './runner.js';
import { STANDARD_REPORTS } from './standard/catalogue.js';
import { REPORT_GROUPS, type ReportColumn, type StandardReport } from './standard/report.js';

const columnView = (c: ReportColumn) => ({
  id: c.id,
  type: c.type,
  required: c.required ?? false,
  selected: (c.required ?? false) || (c.selected ?? false),
  currencyColumn: c.currencyColumn ?? null,
});

const definition = (r: StandardReport) => ({
  id: r.id,
  group: r.group,
  columns: r.columns.map(columnView),
  filters: r.filters.map((f) => ({ id: f.id, type: f.type, primary: f.primary, values: f.values ? [...f.values] : null })),
});

const PageCursor = z.tuple([z.number().int().min(0).max(10_000)]);

/** A page of a run for the screen: the rows, and where the next page starts (within the 10,000 shown). */
export function pageOf(run: ReportRun, offset: number) {
  const next = offset + run.rows.length;
  return {
    report: run.report.id,
    columns: run.columns.map(columnView),
    rows: run.rows,
    total: run.total,
    truncated: run.truncated,
    nextCursor: next < Math.min(run.total, 10_000) && run.rows.length > 0 ? encodeCursor([next]) : null,
  };
}

export const offsetOf = (cursor: string | undefined) => (cursor ? decodeCursor(cursor, PageCursor)[0] : 0);

/** The filters of an export's query string: every parameter but `format` and `columns`, each once. */
export function filtersOfQuery(query: Record<string, unknown>): FilterValues {
  const out: FilterValues = {};
  for (const [k, v] of Object.entries(query)) {
    if (k === 'format' || k === 'columns') continue;
    if (typeof v !== 'string') throw invalid('REPORT_FILTER_INVALID', `The filter ${k} is given more than once.`, { filter: k });
    out[k] = v;
  }
  return out;
}

export const columnsOfQuery = (columns: string | undefined) =>
  columns
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);

/** R-REP-1: the standard reports the actor's roles cover, in their four groups. */
export function createStandardReports({ db }: { db: Db }) {
  return {
    async catalogue(actor: Actor) {
      const actions = [...new Set(STANDARD_REPORTS.map((r) => r.action))];
      const allowed = new Map<LicensingAction, boolean>();
      for (const a of actions) {
        const sample = STANDARD_REPORTS.find((r) => r.action === a);
        allowed.set(a, sample ? await mayRun(db, actor, sample) : false);
      }
      const mine = STANDARD_REPORTS.filter((r) => allowed.get(r.action));
      return {
        groups: REPORT_GROUPS.map((group) => ({ group, reports: mine.filter((r) => r.group === group).map(definition) })).filter(
          (g) => g.reports.length > 0,
        ),
      };
    },
  };
}
