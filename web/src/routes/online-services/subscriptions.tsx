import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type SubscriptionLicensingId, subscriptionLicensingIdsQuery } from '../../api/subscriptions';
import { NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-PERM-2: the Licensing IDs on which the user manages subscriptions; choosing one opens its products. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('subscriptions.title'));
  const ids = useQuery(subscriptionLicensingIdsQuery());
  const rows = ids.data?.licensingIds ?? [];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('subscriptions.title')}</Title>
      <Text maw={760}>{t('subscriptions.intro')}</Text>
      {ids.isPending && <Loading />}
      {ids.isError && <ErrorAlert error={ids.error} />}
      {ids.isSuccess && rows.length === 0 && (
        <NoAccess title={t('subscriptions.noAccessTitle')} description={t('subscriptions.noAccess')} />
      )}
      {rows.length > 0 && (
        <DataTable<SubscriptionLicensingId>
          caption={t('subscriptions.choose')}
          showCaption
          rows={rows}
          rowKey={(l) => l.id}
          rowAttributes={(l) => ({ 'data-licensing-id': l.number })}
          minWidth={560}
          columns={[
            {
              key: 'number',
              header: t('subscriptions.columns.licensingId'),
              rowHeader: true,
              cell: (l) => (
                <AnchorLink
                  to="/online-services/subscriptions/$licensingId"
                  params={{ licensingId: l.id }}
                  search={{}}
                  aria-label={t('common.labelFor', { label: t('subscriptions.open'), target: l.number })}
                >
                  {l.number}
                </AnchorLink>
              ),
              sort: (l) => l.number,
            },
            { key: 'name', header: t('subscriptions.columns.name'), cell: (l) => l.name ?? '', sort: (l) => l.name ?? '' },
            {
              key: 'organization',
              header: t('subscriptions.columns.organization'),
              cell: (l) => l.organization,
              sort: (l) => l.organization,
            },
          ]}
        />
      )}
    </Stack>
  );
}
