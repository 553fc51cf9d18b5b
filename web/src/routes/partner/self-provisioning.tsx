import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { partnerSelfProvisioningQuery } from '../../api/bc-orders';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { RequestsTable } from '../business-center/self-provisioning';

/** R-BC-5: the online services the partner's customers set up, each waiting for the partner's order. */
export function PartnerSelfProvisioningPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcOrders.partner.title'));
  const requests = useQuery(partnerSelfProvisioningQuery());
  return (
    <Stack gap="md">
      <Title order={1}>{t('bcOrders.partner.title')}</Title>
      <Text>{t('bcOrders.partner.intro')}</Text>
      {requests.isPending && <Loading />}
      {requests.isError && <ErrorAlert error={requests.error} />}
      {requests.isSuccess && requests.data.items.length === 0 && (
        <EmptyNotice title={t('bcOrders.partner.emptyTitle')} description={t('bcOrders.partner.empty')} />
      )}
      {requests.isSuccess && requests.data.items.length > 0 && (
        <RequestsTable caption={t('bcOrders.partner.caption')} rows={requests.data.items} withAccount />
      )}
    </Stack>
  );
}
