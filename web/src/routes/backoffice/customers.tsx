import { Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customersQuery } from '../../api/backoffice';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';

/** The publisher's customers: organizations with their onboarded agreements, searched by name or domain. */
export function CustomersPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.customers.title'));
  const { q } = useSearch({ from: '/_app/operator/customers' });
  const navigate = useNavigate({ from: '/operator/customers' });
  const customers = useQuery(customersQuery(q));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('backoffice.customers.title')}</Title>
        <Text maw={720}>{t('backoffice.customers.intro')}</Text>
      </Stack>
      <ButtonLink to="/operator/customers/new" w="fit-content">
        {t('backoffice.customers.onboard')}
      </ButtonLink>
      <TextInput
        type="search"
        label={t('backoffice.customers.search')}
        description={t('backoffice.customers.searchHelp')}
        defaultValue={q}
        maw={480}
        onChange={(e) => navigate({ search: { q: e.currentTarget.value }, replace: true })}
      />
      {customers.isPending && <Loading />}
      {customers.isError && <ErrorAlert error={customers.error} />}
      {customers.data && customers.data.items.length === 0 && (
        <EmptyNotice title={t('backoffice.customers.none')} description={t('backoffice.customers.noneHelp')} />
      )}
      {customers.data && customers.data.items.length > 0 && (
        <ScrollTable
          caption={t('backoffice.customers.caption')}
          columns={[t('backoffice.customers.organization'), t('backoffice.customers.domains'), t('backoffice.customers.agreements')]}
        >
          {customers.data.items.map((o) => (
            <Table.Tr key={o.id} data-organization-id={o.id}>
              <Table.Td>
                <AnchorLink to="/operator/customers/$organizationId" params={{ organizationId: o.id }}>
                  {o.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{o.domains.join(', ')}</Table.Td>
              <Table.Td>
                {o.agreements.length === 0
                  ? t('backoffice.customers.noAgreements')
                  : o.agreements
                      .map((a) => t('backoffice.customers.agreement', { number: a.number, program: programName(t, a.programCode, null) }))
                      .join(', ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}
