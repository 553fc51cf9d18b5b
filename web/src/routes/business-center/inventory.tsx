import { Badge, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type InventoryItem, inventoryQuery } from '../../api/bc-orders';
import { purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { usePageTitle } from '../../lib/usePageTitle';

/** Seed 004: what the account holds, with "Expiring soon" within 90 days and an urgent notice within 30 (text, not colour alone). */
export function InventoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcOrders.inventory.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/inventory' });
  const { expiring } = useSearch({ from: '/_app/business-center/$accountId/inventory' });
  const navigate = useNavigate({ from: '/business-center/$accountId/inventory' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const inventory = useQuery(inventoryQuery(accountId, expiring));
  const notice = (i: InventoryItem) =>
    i.expiry.flag === 'NONE' ? null : (
      <Badge
        color={i.expiry.flag === 'EXPIRING_URGENT' ? 'red.9' : 'yellow.4'}
        autoContrast
        variant="filled"
        tt="none"
        data-flag={i.expiry.flag}
      >
        {t(`bcOrders.inventory.flags.${i.expiry.flag}`, { days: i.expiry.daysLeft ?? 0 })}
      </Badge>
    );
  return (
    <Stack gap="md">
      <Title order={2}>{t('bcOrders.inventory.title')}</Title>
      <Text>{t('bcOrders.inventory.intro')}</Text>
      <Checkbox
        label={t('bcOrders.inventory.expiringOnly')}
        checked={expiring}
        onChange={(e) => void navigate({ search: { expiring: e.currentTarget.checked } })}
      />
      {inventory.isPending && <Loading />}
      {inventory.isError && <ErrorAlert error={inventory.error} />}
      {inventory.isSuccess && inventory.data.items.length === 0 && (
        <EmptyNotice title={t('bcOrders.inventory.emptyTitle')} description={t('bcOrders.inventory.empty')} />
      )}
      {inventory.isSuccess && inventory.data.items.length > 0 && (
        <DataTable<InventoryItem>
          caption={t('bcOrders.inventory.caption', { number: account?.number ?? '', date: inventory.data.asOf })}
          rows={inventory.data.items}
          rowKey={(i) => `${i.licensingId.id}:${i.product.id}:${i.licenseType}`}
          rowAttributes={(i) => ({ 'data-product': i.product.code })}
          minWidth={760}
          columns={[
            {
              key: 'product',
              header: t('bcOrders.inventory.columns.product'),
              rowHeader: true,
              cell: (i) => i.product.name,
              sort: (i) => i.product.name,
            },
            {
              key: 'agreement',
              header: t('bcOrders.inventory.columns.agreement'),
              cell: (i) => i.licensingId.number,
              sort: (i) => i.licensingId.number,
            },
            {
              key: 'type',
              header: t('bcOrders.inventory.columns.type'),
              cell: (i) => (i.onlineService ? t('bcOrders.inventory.onlineService') : t('bcOrders.inventory.license')),
              sort: (i) => i.licenseType,
            },
            {
              key: 'quantity',
              header: t('bcOrders.inventory.columns.quantity'),
              numeric: true,
              cell: (i) => i.quantity,
              sort: (i) => i.quantity,
            },
            {
              key: 'next',
              header: t('bcOrders.inventory.columns.nextExpiration'),
              cell: (i) => i.nextExpiration ?? t('bcOrders.inventory.perpetual'),
              sort: (i) => i.nextExpiration ?? '9999',
            },
            { key: 'notice', header: t('bcOrders.inventory.columns.notice'), cell: notice, sort: (i) => i.expiry.daysLeft ?? 99999 },
          ]}
        />
      )}
    </Stack>
  );
}
