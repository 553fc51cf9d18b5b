import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type FilterValues, reportCatalogueQuery, reportExportHref, reportRunQuery } from '../../api/reports';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ReportFilters } from '../../components/reports/ReportFilters';
import { ReportTable } from '../../components/reports/ReportTable';
import { SaveCustomReport, SavedNotice } from '../../components/reports/SaveCustomReport';
import { usePageTitle } from '../../lib/usePageTitle';

/** The search parameters of a report: its filters by id, `columns` (comma-separated) and `view` once it is run. */
export type ReportSearch = Record<string, string>;

const RESERVED = new Set(['columns', 'view']);

/** R-REP-1, R-REP-2, R-REP-4: one standard report, its filters and columns in the URL, its records a page at a time. */
export function StandardReportPage() {
  const { t } = useTranslation();
  const { report: reportId } = useParams({ from: '/_app/reports/$report' });
  const search = useSearch({ from: '/_app/reports/$report' });
  const navigate = useNavigate({ from: '/reports/$report' });
  const catalogue = useQuery(reportCatalogueQuery);
  const report = catalogue.data?.groups.flatMap((g) => g.reports).find((r) => r.id === reportId);
  const name = t(`reports.names.${reportId}`, { defaultValue: reportId });
  usePageTitle(name);
  const filters: FilterValues = Object.fromEntries(Object.entries(search).filter(([k]) => !RESERVED.has(k)));
  const columns = search.columns?.split(',').filter(Boolean);
  const viewing = search.view === '1';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [saved, setSaved] = useState<string | null>(null);
  const page = cursors.length - 1;
  const run = useQuery({
    ...reportRunQuery(reportId, filters, columns, cursors[page] ?? null),
    enabled: viewing && report !== undefined,
    placeholderData: keepPreviousData,
  });
  const apply = (values: FilterValues) => {
    setCursors([null]);
    void navigate({ search: { ...values, ...(search.columns ? { columns: search.columns } : {}), view: '1' } });
  };
  const shownColumns = run.data?.columns.map((c) => c.id) ?? columns ?? report?.columns.filter((c) => c.selected).map((c) => c.id) ?? [];

  return (
    <Stack gap="lg">
      <AnchorLink to="/reports" search={{}} w="fit-content">
        {t('reports.back')}
      </AnchorLink>
      <Title order={1}>{name}</Title>
      {catalogue.isPending && <Loading />}
      {catalogue.isError && <ErrorAlert error={catalogue.error} />}
      {catalogue.isSuccess && !report && <ErrorAlert error={new ApiError({ code: 'REPORT_UNKNOWN', status: 404, title: '' })} />}
      {report && (
        <>
          <Text maw={720}>{t(`reports.descriptions.${report.id}`)}</Text>
          <ReportFilters key={JSON.stringify(filters)} filters={report.filters} values={filters} onApply={apply} />
          {saved && <SavedNotice name={saved} />}
          {!viewing && <EmptyNotice title={name} description={t('reports.notRun')} data-state="not-run" />}
          {viewing && (
            <>
              <Group gap="sm">
                <Button component="a" variant="default" href={reportExportHref(report.id, 'xlsx', filters, columns)} download>
                  {t('reports.exportExcel')}
                </Button>
                <Button component="a" variant="default" href={reportExportHref(report.id, 'csv', filters, columns)} download>
                  {t('reports.exportCsv')}
                </Button>
                <SaveCustomReport report={report} filters={filters} columns={shownColumns} onSaved={setSaved} />
              </Group>
              {run.isPending && <Loading />}
              {run.isError && <ErrorAlert error={run.error} />}
              {run.data && !run.isError && (
                <ReportTable
                  name={name}
                  result={run.data}
                  page={page}
                  onPrevious={page > 0 ? () => setCursors((c) => c.slice(0, -1)) : undefined}
                  onNext={run.data.nextCursor ? () => setCursors((c) => [...c, run.data.nextCursor]) : undefined}
                />
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
