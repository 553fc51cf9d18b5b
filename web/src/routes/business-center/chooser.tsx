import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type PurchasingAccount, purchasingAccountsQuery } from '../../api/business-center';
import { NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-BC-1: a user with several purchasing accounts chooses one; with one it is chosen for them. */
export function AccountChooserPage() {
  const { t } = useTranslation();
  usePageTitle(t('businessCenter.title'));
  const accounts = useQuery(purchasingAccountsQuery());
  const rows = accounts.data?.accounts ?? [];
  if (accounts.data?.chosen) return <Navigate to="/business-center/$accountId" params={{ accountId: accounts.data.chosen }} replace />;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('businessCenter.title')}</Title>
      <Text maw={760}>{t('businessCenter.intro')}</Text>
      {accounts.isPending && <Loading />}
      {accounts.isError && <ErrorAlert error={accounts.error} />}
      {accounts.isSuccess && rows.length === 0 && (
        <NoAccess title={t('businessCenter.noAccessTitle')} description={t('businessCenter.noAccess')} />
      )}
      {rows.length > 0 && (
        <DataTable<PurchasingAccount>
          caption={t('businessCenter.choose')}
          showCaption
          rows={rows}
          rowKey={(a) => a.id}
          rowAttributes={(a) => ({ 'data-account': a.number })}
          minWidth={560}
          columns={[
            {
              key: 'name',
              header: t('businessCenter.columns.account'),
              rowHeader: true,
              cell: (a) => (
                <AnchorLink to="/business-center/$accountId" params={{ accountId: a.id }}>
                  {a.name}
                </AnchorLink>
              ),
              sort: (a) => a.name,
            },
            { key: 'number', header: t('businessCenter.columns.number'), cell: (a) => a.number, sort: (a) => a.number },
            {
              key: 'roles',
              header: t('businessCenter.columns.roles'),
              cell: (a) => a.roles.map((r) => t(`businessCenter.roles.${r}`)).join(', '),
            },
          ]}
        />
      )}
    </Stack>
  );
}
