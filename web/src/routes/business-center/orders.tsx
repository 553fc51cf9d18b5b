import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrderFilters, type OrderRow, orderHistoryExportHref, orderHistoryQuery } from '../../api/bc-orders';
import { purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { usePageTitle } from '../../lib/usePageTitle';

const ORDER_TYPES = ['NEW', 'ADD_ON', 'RENEWAL', 'TRUE_UP'] as const;
const PO_STATUSES = ['OPEN', 'INVOICED', 'CLOSED'] as const;
const TEXT_FILTERS = ['from', 'to', 'orderNumber', 'orderingParty', 'agreementNumber', 'purchasingAccountNumber'] as const;
const MORE = ['orderType', 'orderingParty', 'agreementNumber', 'purchasingAccountNumber', 'poStatus'] as const;

export type OrderSearch = OrderFilters & { cursor?: string | undefined };

/** R-BC-4: the order history's filters from the address, so a filtered list can be bookmarked and shared. */
export function orderSearch(search: Record<string, unknown>): OrderSearch {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined);
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const one = <T extends string>(v: unknown, values: readonly T[]) => ((values as readonly unknown[]).includes(v) ? (v as T) : undefined);
  return {
    from: day(search.from),
    to: day(search.to),
    orderType: one(search.orderType, ORDER_TYPES),
    orderingParty: text(search.orderingParty, 200),
    orderNumber: text(search.orderNumber, 60),
    agreementNumber: text(search.agreementNumber, 60),
    purchasingAccountNumber: text(search.purchasingAccountNumber, 60),
    poStatus: one(search.poStatus, PO_STATUSES),
    cursor: text(search.cursor, 400),
  };
}

/** R-BC-4: the chosen account's orders with seven filters kept in the address; export to Excel and CSV. */
export function OrderHistoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcOrders.orders.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/orders' });
  const { cursor, ...filters } = useSearch({ from: '/_app/business-center/$accountId/orders' });
  const navigate = useNavigate({ from: '/business-center/$accountId/orders' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const orders = useQuery(orderHistoryQuery(accountId, filters, cursor));
  const [draft, setDraft] = useState<OrderFilters>(filters);
  const [more, setMore] = useState(MORE.some((k) => filters[k] !== undefined));
  const set = (key: keyof OrderFilters, value: string | null) => setDraft((d) => ({ ...d, [key]: value || undefined }));

  const apply = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ search: { ...draft, cursor: undefined } });
  };
  const clear = () => {
    setDraft({});
    void navigate({ search: {} });
  };
  const textInput = (key: (typeof TEXT_FILTERS)[number], type: 'text' | 'date' = 'text') => (
    <TextInput
      key={key}
      type={type}
      label={t(`bcOrders.orders.${key}`)}
      value={draft[key] ?? ''}
      onChange={(e) => set(key, e.currentTarget.value)}
      name={key}
    />
  );

  return (
    <Stack gap="md">
      <Title order={2}>{t('bcOrders.orders.title')}</Title>
      <Text>{t('bcOrders.orders.intro')}</Text>
      <form onSubmit={apply} aria-label={t('bcOrders.orders.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {textInput('from', 'date')}
            {textInput('to', 'date')}
            {textInput('orderNumber')}
          </SimpleGrid>
          {more && (
            <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="more-filters">
              <Select
                label={t('bcOrders.orders.orderType')}
                data={ORDER_TYPES.map((v) => ({ value: v, label: t(`bcOrders.orders.types.${v}`) }))}
                value={draft.orderType ?? null}
                onChange={(v) => set('orderType', v)}
                placeholder={t('bcOrders.orders.any')}
                clearable
              />
              {textInput('orderingParty')}
              {textInput('agreementNumber')}
              {textInput('purchasingAccountNumber')}
              <Select
                label={t('bcOrders.orders.poStatus')}
                data={PO_STATUSES.map((v) => ({ value: v, label: t(`bcOrders.orders.statuses.${v}`) }))}
                value={draft.poStatus ?? null}
                onChange={(v) => set('poStatus', v)}
                placeholder={t('bcOrders.orders.any')}
                clearable
              />
            </SimpleGrid>
          )}
          <Group gap="sm" wrap="wrap">
            <Button type="submit">{t('bcOrders.orders.apply')}</Button>
            <Button variant="default" onClick={clear}>
              {t('bcOrders.orders.clear')}
            </Button>
            <Button variant="subtle" onClick={() => setMore((m) => !m)} aria-expanded={more}>
              {more ? t('bcOrders.orders.fewerFilters') : t('bcOrders.orders.moreFilters')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Group gap="md" wrap="wrap">
        <Anchor href={orderHistoryExportHref(accountId, filters, 'xlsx')} download>
          {t('bcOrders.orders.exportXlsx')}
        </Anchor>
        <Anchor href={orderHistoryExportHref(accountId, filters, 'csv')} download>
          {t('bcOrders.orders.exportCsv')}
        </Anchor>
        <Text size="sm">{t('bcOrders.orders.exportNote')}</Text>
      </Group>
      {orders.isPending && <Loading />}
      {orders.isError && <ErrorAlert error={orders.error} />}
      {orders.isSuccess && orders.data.items.length === 0 && (
        <EmptyNotice title={t('bcOrders.orders.emptyTitle')} description={t('bcOrders.orders.empty')} />
      )}
      {orders.isSuccess && orders.data.items.length > 0 && (
        <DataTable<OrderRow>
          caption={t('bcOrders.orders.caption', { number: account?.number ?? '' })}
          rows={orders.data.items}
          rowKey={(o) => o.id}
          rowAttributes={(o) => ({ 'data-order-number': o.orderNumber })}
          minWidth={900}
          columns={[
            {
              key: 'number',
              header: t('bcOrders.orders.columns.orderNumber'),
              rowHeader: true,
              cell: (o) => o.orderNumber,
              sort: (o) => o.orderNumber,
            },
            { key: 'date', header: t('bcOrders.orders.columns.orderDate'), cell: (o) => o.orderDate, sort: (o) => o.orderDate },
            {
              key: 'type',
              header: t('bcOrders.orders.columns.orderType'),
              cell: (o) => t(`bcOrders.orders.types.${o.orderType}`),
              sort: (o) => o.orderType,
            },
            {
              key: 'party',
              header: t('bcOrders.orders.columns.orderingParty'),
              cell: (o) => o.orderingParty,
              sort: (o) => o.orderingParty,
            },
            {
              key: 'agreement',
              header: t('bcOrders.orders.columns.agreement'),
              cell: (o) => o.licensingId.number,
              sort: (o) => o.licensingId.number,
            },
            { key: 'po', header: t('bcOrders.orders.columns.poNumber'), cell: (o) => o.poNumber ?? '', sort: (o) => o.poNumber ?? '' },
            {
              key: 'status',
              header: t('bcOrders.orders.columns.poStatus'),
              cell: (o) => t(`bcOrders.orders.statuses.${o.poStatus}`),
              sort: (o) => o.poStatus,
            },
            { key: 'lines', header: t('bcOrders.orders.columns.lines'), numeric: true, cell: (o) => o.lineCount, sort: (o) => o.lineCount },
            {
              key: 'quantity',
              header: t('bcOrders.orders.columns.quantity'),
              numeric: true,
              cell: (o) => o.totalQuantity,
              sort: (o) => o.totalQuantity,
            },
          ]}
        />
      )}
      <Group gap="sm">
        {cursor && (
          <Button variant="default" onClick={() => void navigate({ search: { ...filters, cursor: undefined } })}>
            {t('bcOrders.orders.first')}
          </Button>
        )}
        {orders.data?.next && (
          <Button variant="default" onClick={() => void navigate({ search: { ...filters, cursor: orders.data?.next ?? undefined } })}>
            {t('bcOrders.orders.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
