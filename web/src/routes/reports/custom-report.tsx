import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customReportExportHref, customReportQuery, customReportRunQuery } from '../../api/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ReportTable } from '../../components/reports/ReportTable';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REP-3: a custom report, run with its saved filters and columns; exported to Excel or CSV. */
export function CustomReportPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/_app/reports/custom/$id' });
  const saved = useQuery(customReportQuery(id));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const run = useQuery({ ...customReportRunQuery(id, cursors[page] ?? null), placeholderData: keepPreviousData });
  const name = saved.data?.name ?? t('reports.tabs.custom');
  usePageTitle(name);
  return (
    <Stack gap="lg">
      <AnchorLink to="/reports" search={{ tab: 'custom' }} w="fit-content">
        {t('reports.back')}
      </AnchorLink>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Title>
      {saved.isPending && <Loading />}
      {saved.isError && <ErrorAlert error={saved.error} />}
      {saved.data && (
        <>
          <Text size="sm">{t('reports.custom.basedOn', { name: t(`reports.names.${saved.data.baseReport}`) })}</Text>
          {saved.data.description && <Text maw={720}>{saved.data.description}</Text>}
          <Group gap="sm">
            <Button component="a" variant="default" href={customReportExportHref(id, 'xlsx')} download>
              {t('reports.exportExcel')}
            </Button>
            <Button component="a" variant="default" href={customReportExportHref(id, 'csv')} download>
              {t('reports.exportCsv')}
            </Button>
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
    </Stack>
  );
}
