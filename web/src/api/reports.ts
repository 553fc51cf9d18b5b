import { queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Schemas } from './client';

/** R-REP-1…4: the standard reports' catalogue, a run's page, and the user's custom reports. */
export type ReportCatalogue = Schemas['ReportCatalogue'];
export type ReportDefinition = Schemas['ReportDefinition'];
export type ReportColumn = Schemas['ReportColumn'];
export type ReportFilter = Schemas['ReportFilter'];
export type ReportResult = Schemas['ReportResult'];
export type ReportGroup = ReportDefinition['group'];
export type CustomReport = Schemas['CustomReport'];
export type NewCustomReport = Body<'/api/v1/custom-reports', 'post'>;
export type ExportFormat = 'xlsx' | 'csv';

/** The filter values of a report, by filter id (a date range as `from..to`). */
export type FilterValues = Record<string, string>;

/** How many records a page of a report shows. */
export const REPORT_PAGE_SIZE = 50;
/** R-REP-4: the most records a report shows or exports. */
export const REPORT_CAP = 10_000;

export const reportCatalogueQuery = queryOptions({
  queryKey: ['reports', 'catalogue'],
  queryFn: () => answer(api.GET('/api/v1/reports')),
  staleTime: 5 * 60_000,
});

export const reportRunQuery = (report: string, filters: FilterValues, columns: string[] | undefined, cursor: string | null) =>
  queryOptions({
    queryKey: ['reports', 'run', report, filters, columns ?? null, cursor],
    queryFn: () =>
      answer(
        api.POST('/api/v1/reports/{report}/run', {
          params: { path: { report } },
          body: { filters, columns, limit: REPORT_PAGE_SIZE, cursor: cursor ?? undefined },
        }),
      ),
  });

export const customReportsQuery = queryOptions({
  queryKey: ['custom-reports'],
  queryFn: () => answer(api.GET('/api/v1/custom-reports')),
});

export const customReportQuery = (id: string) =>
  queryOptions({
    queryKey: ['custom-reports', id],
    queryFn: () => answer(api.GET('/api/v1/custom-reports/{id}', { params: { path: { id } } })),
  });

export const customReportRunQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['custom-reports', id, 'run', cursor],
    queryFn: () =>
      answer(
        api.POST('/api/v1/custom-reports/{id}/run', {
          params: { path: { id } },
          body: { limit: REPORT_PAGE_SIZE, cursor: cursor ?? undefined },
        }),
      ),
  });

export const createCustomReport = (body: NewCustomReport) => answer(api.POST('/api/v1/custom-reports', { body }));

export const removeCustomReport = (id: string) => answer(api.DELETE('/api/v1/custom-reports/{id}', { params: { path: { id } } }));

/** The export of a standard report with these filters and columns (the browser downloads it). */
export function reportExportHref(report: string, format: ExportFormat, filters: FilterValues, columns?: string[]): string {
  const query = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
  if (columns?.length) query.set('columns', columns.join(','));
  return href('/api/v1/reports/{report}/export', { path: { report }, query });
}

export const customReportExportHref = (id: string, format: ExportFormat) =>
  href('/api/v1/custom-reports/{id}/export', { path: { id }, query: new URLSearchParams({ format }) });
