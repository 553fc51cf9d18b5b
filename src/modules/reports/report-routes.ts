import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps } from '../../platform/module.js';
import { createCustomReports } from './custom-reports.js';
import { reportCsv, reportTitle, reportXlsx } from './export.js';
import { columnsOfQuery, createStandardReports, filtersOfQuery, offsetOf, pageOf } from './report-service.js';
import { type ReportRun, runReport } from './runner.js';
import {
  CustomReportCreateSchema,
  CustomReportExportQuerySchema,
  CustomReportListSchema,
  CustomReportParamsSchema,
  CustomReportPatchSchema,
  CustomReportRunBodySchema,
  CustomReportSchema,
  ReportCatalogueSchema,
  ReportExportQuerySchema,
  ReportParamsSchema,
  ReportResultSchema,
  ReportRunBodySchema,
} from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const exportAnswer = {
  200: {
    description:
      'An attachment: an Excel workbook (format=xlsx) or CSV (format=csv), at most 10,000 rows; X-Report-Truncated: true when more records match (the workbook says so too)',
    content: {
      'text/csv': { schema: fileBody('UTF-8 text, comma-separated') },
      [XLSX]: { schema: fileBody('an Office Open XML workbook', true) },
    },
  },
};

/** A file name from a report's title: letters, digits and dashes. */
const fileName = (title: string, format: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'report'
  }.${format}`;

function sendExport(reply: FastifyReply, actor: Actor, run: ReportRun, format: 'xlsx' | 'csv', name?: string) {
  const title = reportTitle(run, actor.locale, name);
  reply.header('content-disposition', `attachment; filename="${fileName(title, format)}"`);
  reply.header('x-report-truncated', String(run.truncated));
  reply.header('x-report-total', String(run.total));
  if (format === 'xlsx') return reply.type(XLSX).send(reportXlsx(run, actor.locale, title));
  return reply.type('text/csv; charset=utf-8').send(reportCsv(run, actor.locale));
}

/**
 * R-REP-1…4: the standard reports and the user's custom reports. Every route is the signed-in
 * user's (`self`): which Licensing IDs a report covers is its query's scope (the report's action,
 * scope.ts), and a report the user's roles do not cover at all is REPORT_UNKNOWN.
 */
export function registerReportRoutes(fastify: FastifyInstance, { db, reads, clock }: Pick<ModuleDeps, 'db' | 'reads' | 'clock'>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const standard = createStandardReports({ db });
  // A saved custom report is read back from the primary (it was just written); the records of a run come from `reads`.
  const custom = createCustomReports({ db, reads, clock });
  const tags = ['reports'];

  app.get(
    '/reports',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'The standard reports the user’s roles cover, in their groups, with columns and filters (R-REP-1)',
        response: { 200: ReportCatalogueSchema },
      },
    },
    async (req) => standard.catalogue(actorOf(req)),
  );

  app.post(
    '/reports/:report/run',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary:
          'Run a standard report with any subset of its filters (R-REP-2): a page of at most 10,000 records, the total, truncated when more match (R-REP-4)',
        params: ReportParamsSchema,
        body: ReportRunBodySchema,
        response: { 200: ReportResultSchema },
      },
    },
    async (req) => {
      const offset = offsetOf(req.body.cursor);
      const run = await runReport(reads, actorOf(req), req.params.report, {
        filters: req.body.filters,
        columns: req.body.columns,
        page: { offset, limit: req.body.limit },
      });
      return pageOf(run, offset);
    },
  );

  app.get(
    '/reports/:report/export',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'A standard report as an Excel workbook or CSV, at most 10,000 records (R-REP-4); filters by their ids in the query',
        params: ReportParamsSchema,
        querystring: ReportExportQuerySchema,
        response: exportAnswer,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const run = await runReport(reads, actor, req.params.report, {
        filters: filtersOfQuery(req.query),
        columns: columnsOfQuery(req.query.columns),
      });
      return sendExport(reply, actor, run, req.query.format);
    },
  );

  app.get(
    '/custom-reports',
    {
      config: { action: 'self' },
      schema: { tags, summary: 'The user’s custom reports, latest changed first (R-REP-3)', response: { 200: CustomReportListSchema } },
    },
    async (req) => ({ items: await custom.list(actorOf(req)) }),
  );

  app.post(
    '/custom-reports',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary:
          'Save a standard report’s query and chosen columns as a custom report (R-REP-3): REPORT_REQUIRED_COLUMN when a required column is left out',
        body: CustomReportCreateSchema,
        response: { 201: CustomReportSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await custom.create(actorOf(req), req.body)),
  );

  app.get(
    '/custom-reports/:id',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'One of the user’s custom reports',
        params: CustomReportParamsSchema,
        response: { 200: CustomReportSchema },
      },
    },
    async (req) => custom.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/custom-reports/:id',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'Rename a custom report, or change its description, filters or columns (required columns stay)',
        params: CustomReportParamsSchema,
        body: CustomReportPatchSchema,
        response: { 200: CustomReportSchema },
      },
    },
    async (req) => custom.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/custom-reports/:id',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'Remove a custom report (the portal asks first)',
        params: CustomReportParamsSchema,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (req, reply) => {
      await custom.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/custom-reports/:id/run',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'Run a custom report: a page of its records (at most 10,000 in all), the total, truncated when more match',
        params: CustomReportParamsSchema,
        body: CustomReportRunBodySchema,
        response: { 200: ReportResultSchema },
      },
    },
    async (req) => {
      const offset = offsetOf(req.body.cursor);
      const { run } = await custom.run(actorOf(req), req.params.id, { offset, limit: req.body.limit });
      return pageOf(run, offset);
    },
  );

  app.get(
    '/custom-reports/:id/export',
    {
      config: { action: 'self' },
      schema: {
        tags,
        summary: 'A custom report as an Excel workbook or CSV, at most 10,000 records (R-REP-4)',
        params: CustomReportParamsSchema,
        querystring: CustomReportExportQuerySchema,
        response: exportAnswer,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { saved, run } = await custom.run(actor, req.params.id);
      return sendExport(reply, actor, run, req.query.format, saved.name);
    },
  );
}
