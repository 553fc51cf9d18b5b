import {
  Alert,
  Box,
  Button,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  BENEFIT_CODES,
  BENEFIT_STATUSES,
  SA_PAGE_SIZE,
  type SaSummary,
  type SaSummarySearch,
  SUMMARY_SORTS,
  saSummaryExportHref,
  saSummaryQuery,
} from '../../api/software-assurance';
import { BenefitsChart } from '../../components/charts/BenefitsChart';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { BenefitQuantity, BenefitStatusBadge, CoverageEnd } from '../../components/software-assurance/BenefitCells';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

function SummaryTable({ data }: { data: SaSummary }) {
  const { t } = useTranslation();
  const caption = t('softwareAssurance.summary.caption');
  return (
    // Focusable so keyboard users can scroll the wide table sideways.
    <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder verticalSpacing="xs" miw={960}>
        <Table.Caption className="sr-only">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {(['organization', 'city', 'benefit', 'licensingId', 'status', 'eligible', 'used', 'remaining', 'coverageEnds'] as const).map(
              (c) => (
                <Table.Th key={c} scope="col" ta={c === 'eligible' || c === 'used' || c === 'remaining' ? 'end' : undefined}>
                  {t(`softwareAssurance.columns.${c}`)}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((r) => (
            <Table.Tr key={`${r.licensingId}:${r.benefit}`} data-benefit={r.benefit} data-licensing-id={r.licensingNumber}>
              <Table.Td>{r.organization}</Table.Td>
              <Table.Td>{r.city ?? ''}</Table.Td>
              <Table.Th scope="row" fw={600}>
                {t(`softwareAssurance.benefits.${r.benefit}`)}
              </Table.Th>
              <Table.Td>
                <AnchorLink to="/software-assurance/$licensingId" params={{ licensingId: r.licensingId }}>
                  {r.licensingNumber}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <BenefitStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td ta="end">
                <BenefitQuantity benefit={r} quantity={r.eligibleQuantity} />
              </Table.Td>
              <Table.Td ta="end">
                <BenefitQuantity benefit={r} quantity={r.usedQuantity} />
              </Table.Td>
              <Table.Td ta="end">
                <BenefitQuantity benefit={r} quantity={r.quantityRemaining} />
              </Table.Td>
              <Table.Td>
                <CoverageEnd benefit={r} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

function Filters({ search, update }: { search: SaSummarySearch; update: (next: Partial<SaSummarySearch>) => void }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      role="search"
      aria-label={t('softwareAssurance.summary.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput
          label={t('softwareAssurance.summary.search')}
          description={t('softwareAssurance.summary.searchHelp')}
          defaultValue={search.q ?? ''}
          onChange={(e) => update({ q: e.currentTarget.value || undefined, page: 1 })}
          type="search"
        />
        <NativeSelect
          label={t('softwareAssurance.summary.benefit')}
          value={search.benefit ?? ''}
          onChange={(e) => update({ benefit: (e.currentTarget.value || undefined) as SaSummarySearch['benefit'], page: 1 })}
          data={[
            { value: '', label: t('softwareAssurance.summary.allBenefits') },
            ...BENEFIT_CODES.map((b) => ({ value: b, label: t(`softwareAssurance.benefits.${b}`) })),
          ]}
        />
        <NativeSelect
          label={t('softwareAssurance.summary.status')}
          value={search.status ?? ''}
          onChange={(e) => update({ status: (e.currentTarget.value || undefined) as SaSummarySearch['status'], page: 1 })}
          data={[
            { value: '', label: t('softwareAssurance.summary.allStatuses') },
            ...BENEFIT_STATUSES.map((s) => ({ value: s, label: t(`softwareAssurance.statuses.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('softwareAssurance.summary.expiring')}
          value={search.expiringWithin ?? ''}
          onChange={(e) => update({ expiringWithin: (e.currentTarget.value || undefined) as SaSummarySearch['expiringWithin'], page: 1 })}
          data={[
            { value: '', label: t('softwareAssurance.summary.expiringAny') },
            { value: '90', label: t('softwareAssurance.summary.expiring90') },
            { value: '30', label: t('softwareAssurance.summary.expiring30') },
          ]}
        />
        <NativeSelect
          label={t('softwareAssurance.summary.sort')}
          value={search.sort}
          onChange={(e) => update({ sort: e.currentTarget.value as SaSummarySearch['sort'], page: 1 })}
          data={SUMMARY_SORTS.map((s) => ({ value: s, label: t(`softwareAssurance.summary.sorts.${s}`) }))}
        />
        <NativeSelect
          label={t('softwareAssurance.summary.order')}
          value={search.order}
          onChange={(e) => update({ order: e.currentTarget.value as SaSummarySearch['order'], page: 1 })}
          data={[
            { value: 'asc', label: t('softwareAssurance.summary.ascending') },
            { value: 'desc', label: t('softwareAssurance.summary.descending') },
          ]}
        />
      </SimpleGrid>
    </Paper>
  );
}

function Results({ data, search, update }: { data: SaSummary; search: SaSummarySearch; update: (next: Partial<SaSummarySearch>) => void }) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(data.total / SA_PAGE_SIZE));
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Stack gap="md">
      {data.expiring.within90 > 0 && (
        <Alert color="dark" variant="outline" role="note" title={t('softwareAssurance.summary.expiringTitle')} data-testid="sa-expiring">
          {t('softwareAssurance.summary.expiringText', data.expiring)}
        </Alert>
      )}
      <Group justify="space-between" align="center">
        <Text size="sm" role="status">
          {t('softwareAssurance.summary.asOf', { date: formatDate(data.asOf, i18n.language), count: data.total })}
        </Text>
        <Group gap="sm">
          <Button component="a" variant="default" href={saSummaryExportHref('csv', search)} download>
            {t('softwareAssurance.summary.exportCsv')}
          </Button>
          <Button component="a" variant="default" href={saSummaryExportHref('xlsx', search)} download>
            {t('softwareAssurance.summary.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {data.total === 0 ? (
        <EmptyNotice
          title={t('softwareAssurance.summary.emptyTitle')}
          description={t('softwareAssurance.summary.empty')}
          data-testid="empty"
        />
      ) : (
        <SummaryTable data={data} />
      )}
      {data.total > 0 && <BenefitsChart rows={data.items} />}
      {pages > 1 && (
        <Group component="nav" aria-label={t('softwareAssurance.summary.pages')} justify="space-between">
          <Text size="sm" aria-live="polite">
            {t('softwareAssurance.summary.range', {
              from: number.format((data.page - 1) * SA_PAGE_SIZE + 1),
              to: number.format((data.page - 1) * SA_PAGE_SIZE + data.items.length),
              total: number.format(data.total),
            })}
          </Text>
          <Pagination
            total={pages}
            value={Math.min(search.page, pages)}
            onChange={(page) => update({ page })}
            withEdges
            size="sm"
            getItemProps={(page) => ({ 'aria-label': t('softwareAssurance.summary.page', { page }) })}
            getControlProps={(control) => ({ 'aria-label': t(`softwareAssurance.summary.${control}`) })}
          />
        </Group>
      )}
    </Stack>
  );
}

/** R-SA-3: the SA Summary over every Licensing ID the user may see; filters, sort and page live in the URL. */
export function SaSummaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('softwareAssurance.summary.title'));
  const search = useSearch({ from: '/_app/software-assurance' });
  const navigate = useNavigate({ from: '/software-assurance' });
  const update = (next: Partial<SaSummarySearch>) => void navigate({ search: (s) => ({ ...s, ...next }), replace: true });
  const summary = useQuery({ ...saSummaryQuery(search), placeholderData: keepPreviousData });
  const noAccess =
    (summary.error instanceof ApiError && summary.error.code === 'FORBIDDEN') ||
    (summary.isSuccess && summary.data.visibleLicensingIds === 0);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('softwareAssurance.summary.title')}</Title>
      <Text maw={760}>{t('softwareAssurance.summary.intro')}</Text>
      <AnchorLink to="/software-assurance/partner-permissions" w="fit-content">
        {t('benefitDelegation.customer.link')}
      </AnchorLink>
      {noAccess ? (
        <NoAccess title={t('softwareAssurance.summary.noAccessTitle')} description={t('softwareAssurance.summary.noAccess')} />
      ) : (
        <>
          <Filters search={search} update={update} />
          {summary.isPending && <Loading />}
          {summary.isError && <ErrorAlert error={summary.error} />}
          {summary.isSuccess && <Results data={summary.data} search={search} update={update} />}
        </>
      )}
    </Stack>
  );
}
