import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type LicenseSummary, licenseSummaryExportHref, licenseSummaryQuery, POOLS, type SummaryLicensingId } from '../../api/licensing';
import { LicenseSummaryCharts } from '../../components/charts/LicenseSummaryCharts';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { EndDate, ExpiryBadge } from '../../components/licensing/ExpiryNotice';
import { HELP_IDS, SummaryTable } from '../../components/licensing/SummaryTable';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';
import type { LicenseSummarySearch } from './search';

const GRANT_NOTE_ID = 'license-summary-grant-note';

/** R-LIC-2: what each quantity means, referenced by the column headers. */
function QuantityHelp() {
  const { t } = useTranslation();
  const items = [
    { id: HELP_IDS.effective, term: t('licensing.summary.effective'), help: t('licensing.summary.effectiveHelp') },
    { id: HELP_IDS.activeSa, term: t('licensing.summary.activeSa'), help: t('licensing.summary.activeSaHelp') },
    { id: HELP_IDS.unresolved, term: t('licensing.summary.unresolved'), help: t('licensing.summary.unresolvedHelp') },
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="license-summary-help">
      <Title order={2} size="h4" id="license-summary-help" mb="xs">
        {t('licensing.summary.helpTitle')}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, md: 3 }} m={0}>
        {items.map((item) => (
          <Box key={item.id}>
            <Text component="dt" fw={700} size="sm">
              {item.term}
            </Text>
            <Text component="dd" m={0} size="sm" id={item.id}>
              {item.help}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** R-LIC-7: Licensing IDs within 90 days of their end date; within 30 the date is red. */
function ExpiringAlert({ ids }: { ids: SummaryLicensingId[] }) {
  const { t, i18n } = useTranslation();
  const expiring = ids.filter((l) => l.expiry.notice === 'EXPIRING_SOON' || l.expiry.notice === 'EXPIRING_URGENT');
  if (expiring.length === 0) return null;
  return (
    <Alert color="dark" variant="outline" role="note" title={t('licensing.expiry.soon')} data-testid="expiring">
      <List size="sm">
        {expiring.map((l) => (
          <List.Item key={l.id} data-expiring={l.number}>
            <Text span fw={600}>
              {l.number}
            </Text>{' '}
            <Text span>{l.name}</Text>{' '}
            <Text
              span
              c={l.expiry.notice === 'EXPIRING_URGENT' ? 'red.9' : undefined}
              fw={l.expiry.notice === 'EXPIRING_URGENT' ? 700 : undefined}
              data-urgent={l.expiry.notice === 'EXPIRING_URGENT' ? 'true' : undefined}
            >
              {t('licensing.expiry.endsOn', {
                date: l.endDate ? formatDate(l.endDate, i18n.language) : '',
                days: l.expiry.daysLeft ?? 0,
              })}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The Licensing IDs the summary covers, with their expiry notices (R-LIC-7). */
function IncludedIds({ ids }: { ids: SummaryLicensingId[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t('licensing.summary.includedCaption')}
      rows={ids}
      rowKey={(l) => l.id}
      rowAttributes={(l) => ({ 'data-licensing-id': l.number })}
      initialSort={{ key: 'number', direction: 'ascending' }}
      columns={[
        {
          key: 'number',
          header: t('relationship.columns.number'),
          rowHeader: true,
          cell: (l) => (
            <Anchor component={Link} to={`/licenses/licensing-ids/${l.id}`}>
              {l.number}
            </Anchor>
          ),
          sort: (l) => l.number,
        },
        { key: 'name', header: t('relationship.columns.name'), cell: (l) => l.name, sort: (l) => l.name },
        {
          key: 'program',
          header: t('relationship.columns.program'),
          cell: (l) => programName(t, l.programCode, null),
          sort: (l) => programName(t, l.programCode, null),
        },
        { key: 'status', header: t('relationship.columns.status'), cell: (l) => <StatusBadge status={l.status} />, sort: (l) => l.status },
        {
          key: 'endDate',
          header: t('relationship.columns.endDate'),
          cell: (l) => (
            <Group gap="xs">
              <EndDate endDate={l.endDate} expiry={l.expiry} />
              <ExpiryBadge expiry={l.expiry} />
            </Group>
          ),
          sort: (l) => l.endDate ?? '9999-12-31',
        },
      ]}
    />
  );
}

function NoReports() {
  const { t } = useTranslation();
  return (
    <EmptyNotice title={t('licensing.summary.noReportsTitle')} description={t('licensing.summary.noReports')} data-testid="no-reports" />
  );
}

function Results({ data, search }: { data: LicenseSummary; search: LicenseSummarySearch }) {
  const { t, i18n } = useTranslation();
  const rows = search.pool === 'ALL' ? data.rows : data.rows.filter((r) => r.pool === search.pool);
  const anyGrant = rows.some((r) => r.granted);
  return (
    <Stack gap="md">
      <ExpiringAlert ids={data.licensingIds} />
      <Group justify="space-between" align="center">
        <Text size="sm" role="status">
          {t('licensing.summary.asOf', { date: formatDate(data.asOf, i18n.language), count: data.licensingIds.length })}
        </Text>
        <Group gap="sm">
          <Button component="a" variant="default" href={licenseSummaryExportHref('csv', search.ids, search.status)} download>
            {t('licensing.summary.exportCsv')}
          </Button>
          <Button component="a" variant="default" href={licenseSummaryExportHref('xlsx', search.ids, search.status)} download>
            {t('licensing.summary.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {rows.length === 0 ? (
        <EmptyNotice
          title={t('licensing.summary.emptyTitle')}
          description={t(search.pool === 'ALL' ? 'licensing.summary.empty' : 'licensing.summary.emptyPool')}
          data-testid="empty"
        />
      ) : (
        <Box>
          <SummaryTable
            rows={rows}
            caption={t('licensing.summary.caption')}
            totals={search.pool === 'ALL' ? data.totals : undefined}
            purchased={search.purchased}
            withHelp
          />
          {anyGrant && (
            <Text size="sm" mt="xs" id={GRANT_NOTE_ID} data-testid="grant-note">
              {t('licensing.summary.grantNote')}
            </Text>
          )}
        </Box>
      )}
      {rows.length > 0 && <LicenseSummaryCharts rows={rows} />}
      <Title order={2} size="h3">
        {t('licensing.summary.includedTitle')}
      </Title>
      <IncludedIds ids={data.licensingIds} />
    </Stack>
  );
}

/**
 * R-LIC-1: entitlements per product family and version over the Licensing IDs the user may see
 * reports of, active and inactive, filterable to chosen ones (kept in the URL) and by pool (R-LIC-4).
 */
export function LicenseSummaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('licensing.summary.title'));
  const search = useSearch({ from: '/_app/licenses/license-summary' });
  const navigate = useNavigate({ from: '/licenses/license-summary' });
  const update = (next: Partial<LicenseSummarySearch>) => void navigate({ search: (s) => ({ ...s, ...next }), replace: true });
  const choices = useQuery(licenseSummaryQuery([], 'all'));
  const summary = useQuery(licenseSummaryQuery(search.ids, search.status));
  const forbidden = (e: unknown) => e instanceof ApiError && e.code === 'FORBIDDEN';
  const noReports = forbidden(choices.error) || (choices.isSuccess && choices.data.licensingIds.length === 0);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('licensing.summary.title')}</Title>
      <Text maw={760}>{t('licensing.summary.intro')}</Text>
      <Alert variant="outline" color="blue.9" role="note" title={t('licensing.summary.timingTitle')}>
        {t('licensing.summary.timing')}
      </Alert>
      {noReports ? (
        <NoReports />
      ) : (
        <>
          <Paper
            withBorder
            p="md"
            component="form"
            role="search"
            aria-label={t('licensing.summary.filters')}
            onSubmit={(e) => e.preventDefault()}
          >
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <MultiSelect
                label={t('licensing.summary.filter')}
                description={t('licensing.summary.filterHelp')}
                placeholder={search.ids.length ? undefined : t('licensing.summary.filterAll')}
                data={(choices.data?.licensingIds ?? []).map((l) => ({ value: l.id, label: `${l.number} · ${l.name}` }))}
                value={search.ids}
                onChange={(ids) => update({ ids })}
                searchable
                clearable
                clearButtonProps={{ 'aria-label': t('licensing.summary.filterClear') }}
                nothingFoundMessage={t('licensing.summary.filterNothing')}
                disabled={!choices.isSuccess}
                data-testid="licensing-id-filter"
              />
              <NativeSelect
                label={t('licensing.summary.poolFilter')}
                description={t('licensing.summary.poolFilterHelp')}
                value={search.pool}
                onChange={(e) => update({ pool: e.currentTarget.value as LicenseSummarySearch['pool'] })}
                data={[
                  { value: 'ALL', label: t('licensing.summary.allPools') },
                  ...POOLS.map((p) => ({ value: p, label: t(`licensing.pools.${p}`) })),
                ]}
              />
            </SimpleGrid>
            <Group mt="md" gap="xl">
              <Switch
                label={t('licensing.summary.onlyActive')}
                checked={search.status === 'active'}
                onChange={(e) => update({ status: e.currentTarget.checked ? 'active' : 'all' })}
              />
              <Switch
                label={t('licensing.summary.showPurchased')}
                checked={search.purchased}
                onChange={(e) => update({ purchased: e.currentTarget.checked })}
              />
            </Group>
          </Paper>
          {choices.isError && !forbidden(choices.error) && <ErrorAlert error={choices.error} />}
          <QuantityHelp />
          {summary.isPending && <Loading />}
          {summary.isError && (forbidden(summary.error) ? <NoReports /> : <ErrorAlert error={summary.error} />)}
          {summary.isSuccess && <Results data={summary.data} search={search} />}
        </>
      )}
    </Stack>
  );
}
