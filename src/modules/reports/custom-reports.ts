import { and, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors.js';
import { checkFilters, chooseColumns, type FilterValues } from './rules.js';
import { type ReportRun, reportFor, runReport } from './runner.js';
import { customReport } from './tables.js';

export interface CustomReportInput {
  baseReport: string;
  name: string;
  description?: string | null;
  filters: FilterValues;
  columns: string[];
}

type CustomReportRow = typeof customReport.$inferSelect;

const view = (r: CustomReportRow) => ({
  id: r.id,
  baseReport: r.baseReport,
  name: r.name,
  description: r.description,
  filters: r.filters,
  columns: r.columns,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
export type CustomReportView = ReturnType<typeof view>;

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '23505' || err?.cause?.code === '23505';
}

const nameTaken = () => conflict('CUSTOM_REPORT_NAME_TAKEN', 'You already have a custom report with this name.');

/**
 * R-REP-3: custom reports, each its owner's alone (another user's is 404). Saving checks the query
 * against the base report: known filters with values they take, known columns, every required
 * column kept; the columns are stored in the report's order.
 */
export function createCustomReports({ db, reads = db, clock }: { db: Db; reads?: Db; clock: Clock }) {
  async function owned(actor: Actor, id: string): Promise<CustomReportRow> {
    const [row] = await db
      .select()
      .from(customReport)
      .where(and(eq(customReport.id, id), eq(customReport.ownerUserId, actor.userId)));
    if (!row) throw notFound('custom report');
    return row;
  }

  async function checked(actor: Actor, input: CustomReportInput) {
    const report = await reportFor(db, actor, input.baseReport);
    checkFilters(report, input.filters);
    const columns = chooseColumns(report, input.columns, { keepRequired: true }).map((c) => c.id);
    const filters = Object.fromEntries(Object.entries(input.filters).filter(([, v]) => v.trim() !== ''));
    return { columns, filters };
  }

  return {
    async list(actor: Actor): Promise<CustomReportView[]> {
      const rows = await db
        .select()
        .from(customReport)
        .where(eq(customReport.ownerUserId, actor.userId))
        .orderBy(desc(customReport.updatedAt), desc(customReport.id));
      return rows.map(view);
    },

    async get(actor: Actor, id: string): Promise<CustomReportView> {
      return view(await owned(actor, id));
    },

    async create(actor: Actor, input: CustomReportInput): Promise<CustomReportView> {
      const { columns, filters } = await checked(actor, input);
      const now = clock.now();
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(customReport)
            .values({
              ownerUserId: actor.userId,
              organizationId: actor.organizationId,
              baseReport: input.baseReport,
              name: input.name,
              description: input.description ?? null,
              filters,
              columns,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          if (!row) throw new Error('custom report not inserted');
          await audit(tx, actor, { action: 'custom-report.create', targetType: 'custom_report', targetId: row.id, after: view(row) });
          return view(row);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken();
        throw e;
      }
    },

    async update(actor: Actor, id: string, patch: Partial<Omit<CustomReportInput, 'baseReport'>>): Promise<CustomReportView> {
      const before = await owned(actor, id);
      const merged: CustomReportInput = {
        baseReport: before.baseReport,
        name: patch.name ?? before.name,
        description: patch.description === undefined ? before.description : patch.description,
        filters: patch.filters ?? before.filters,
        columns: patch.columns ?? before.columns,
      };
      const { columns, filters } = await checked(actor, merged);
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .update(customReport)
            .set({ name: merged.name, description: merged.description ?? null, filters, columns, updatedAt: clock.now() })
            .where(and(eq(customReport.id, id), eq(customReport.ownerUserId, actor.userId)))
            .returning();
          if (!row) throw notFound('custom report');
          await audit(tx, actor, {
            action: 'custom-report.update',
            targetType: 'custom_report',
            targetId: id,
            before: view(before),
            after: view(row),
          });
          return view(row);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken();
        throw e;
      }
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .delete(customReport)
          .where(and(eq(customReport.id, id), eq(customReport.ownerUserId, actor.userId)))
          .returning();
        if (!row) throw notFound('custom report');
        await audit(tx, actor, { action: 'custom-report.delete', targetType: 'custom_report', targetId: id, before: view(row) });
      });
    },

    /** Runs the saved query with the owner's scope as it is now. */
    async run(actor: Actor, id: string, page?: { offset: number; limit: number }): Promise<{ saved: CustomReportView; run: ReportRun }> {
      const saved = view(await owned(actor, id));
      const run = await runReport(reads, actor, saved.baseReport, { filters: saved.filters, columns: saved.columns, page });
      return { saved, run };
    },
  };
}
