import { Alert, Box, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomReport, customReportExportHref, customReportsQuery, removeCustomReport, reportCatalogueQuery } from '../../api/reports';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REP-1: the standard reports the user's roles cover, in their four groups, each with its description. */
function StandardReports() {
  const { t } = useTranslation();
  const catalogue = useQuery(reportCatalogueQuery);
  if (catalogue.isPending) return <Loading />;
  if (catalogue.isError) return <ErrorAlert error={catalogue.error} />;
  if (catalogue.data.groups.length === 0)
    return <EmptyNotice title={t('reports.noReports.title')} description={t('reports.noReports.description')} data-state="no-access" />;
  return (
    <Stack gap="xl">
      {catalogue.data.groups.map((g) => (
        <section key={g.group} aria-labelledby={`group-${g.group}`} data-group={g.group}>
          <Title order={2} size="h3" id={`group-${g.group}`} mb="sm">
            {t(`reports.groups.${g.group}`)}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {g.reports.map((r) => (
              <Paper key={r.id} withBorder p="md" data-report={r.id}>
                <AnchorLink to="/reports/$report" params={{ report: r.id }} search={{}} fw={600}>
                  {t(`reports.names.${r.id}`)}
                </AnchorLink>
                <Text size="sm" mt={4}>
                  {t(`reports.descriptions.${r.id}`)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </section>
      ))}
    </Stack>
  );
}

/** R-REP-3: the user's custom reports: view, export to Excel, remove after a confirmation. */
function CustomReports() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(customReportsQuery);
  const [removed, setRemoved] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (r: CustomReport) => removeCustomReport(r.id).then(() => r.name),
    onSuccess: async (name) => {
      setRemoved(name);
      await queryClient.invalidateQueries({ queryKey: ['custom-reports'] });
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const caption = t('reports.custom.caption');
  return (
    <Stack gap="md">
      {removed && (
        <Alert color="green" variant="outline" role="status">
          {t('reports.custom.removed', { name: removed })}
        </Alert>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {list.data.items.length === 0 ? (
        <EmptyNotice title={t('reports.custom.empty.title')} description={t('reports.custom.empty.description')} data-state="empty" />
      ) : (
        <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <Table striped withTableBorder verticalSpacing="xs">
            <Table.Caption className="sr-only">{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.custom.name')}</Table.Th>
                <Table.Th scope="col">{t('reports.custom.report')}</Table.Th>
                <Table.Th scope="col">{t('reports.custom.updated')}</Table.Th>
                <Table.Th scope="col">{t('reports.custom.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id} data-custom-report={r.name}>
                  <Table.Th scope="row" style={{ overflowWrap: 'anywhere' }}>
                    {r.name}
                    {r.description && (
                      <Text size="xs" fw={400}>
                        {r.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{t(`reports.names.${r.baseReport}`, { defaultValue: r.baseReport })}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(String(r.updatedAt).slice(0, 10), i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <ButtonLink
                        to="/reports/custom/$id"
                        params={{ id: r.id }}
                        size="xs"
                        variant="default"
                        aria-label={t('common.labelFor', { label: t('reports.custom.view'), target: r.name })}
                      >
                        {t('reports.custom.view')}
                      </ButtonLink>
                      <a
                        className="mantine-focus-auto"
                        href={customReportExportHref(r.id, 'xlsx')}
                        download
                        aria-label={t('common.labelFor', { label: t('reports.custom.exportExcel'), target: r.name })}
                      >
                        {t('reports.custom.exportExcel')}
                      </a>
                      <ConfirmButton
                        label={t('reports.custom.remove')}
                        target={r.name}
                        title={t('reports.custom.removeTitle')}
                        question={t('reports.custom.removeQuestion', { name: r.name })}
                        confirmLabel={t('reports.custom.removeConfirm')}
                        onConfirm={() => remove.mutate(r)}
                        loading={remove.isPending && remove.variables?.id === r.id}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}

/** Reports (R-REP-1, R-REP-3): the standard reports and the user's custom reports, on two tabs. */
export function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  const { tab } = useSearch({ from: '/_app/reports' });
  const navigate = useNavigate({ from: '/reports' });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('reports.title')}</Title>
      <Text maw={720}>{t('reports.intro')}</Text>
      <Tabs
        value={tab ?? 'standard'}
        onChange={(v) => void navigate({ search: v === 'custom' ? { tab: 'custom' } : {} })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="standard">{t('reports.tabs.standard')}</Tabs.Tab>
          <Tabs.Tab value="custom">{t('reports.tabs.custom')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="standard" pt="md">
          <StandardReports />
        </Tabs.Panel>
        <Tabs.Panel value="custom" pt="md">
          <CustomReports />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
