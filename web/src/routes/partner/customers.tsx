import { Button, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ownPartnerQuery, partnerCustomersQuery } from '../../api/partners';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** A channel partner's customers (R-REL-6): organizations with at least one Licensing ID it is partner of record of. */
export function PartnerCustomersPage() {
  const { t } = useTranslation();
  usePageTitle(t('partner.customers.title'));
  const { q } = useSearch({ from: '/_app/partner' });
  const navigate = useNavigate({ from: '/partner' });
  const own = useQuery(ownPartnerQuery);
  const customers = useInfiniteQuery(partnerCustomersQuery(q));
  const rows = customers.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('partner.customers.title')}</Title>
        {own.data && <Text>{t('partner.customers.intro', { partner: own.data.name, number: own.data.number })}</Text>}
        {own.isError && <ErrorAlert error={own.error} />}
        <AnchorLink to="/partner/benefit-permissions" w="fit-content">
          {t('benefitDelegation.partner.link')}
        </AnchorLink>
        <AnchorLink to="/partner/sales-packages" w="fit-content">
          {t('bcAgreements.partner.link')}
        </AnchorLink>
        <AnchorLink to="/partner/self-provisioning" w="fit-content">
          {t('partner.nav.selfProvisioning')}
        </AnchorLink>
      </Stack>
      <TextInput
        type="search"
        label={t('partner.customers.search')}
        description={t('partner.customers.searchHelp')}
        defaultValue={q}
        maw={480}
        onChange={(e) => navigate({ search: { q: e.currentTarget.value }, replace: true })}
      />
      {customers.isPending && <Loading />}
      {customers.isError && <ErrorAlert error={customers.error} />}
      {customers.isSuccess && rows.length === 0 && (
        <EmptyNotice
          title={q ? t('partner.customers.noMatch') : t('partner.customers.none')}
          description={q ? t('partner.customers.noMatchHelp') : t('partner.customers.noneHelp')}
        />
      )}
      {rows.length > 0 && (
        <ScrollTable
          caption={t('partner.customers.caption')}
          columns={[
            t('partner.customers.organization'),
            t('partner.customers.country'),
            t('partner.customers.agreements'),
            t('partner.customers.licensingIds'),
          ]}
        >
          {rows.map((c) => (
            <Table.Tr key={c.id} data-customer={c.name}>
              <Table.Td>
                <AnchorLink to="/partner/customers/$organizationId" params={{ organizationId: c.id }}>
                  {c.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{c.country}</Table.Td>
              <Table.Td>{c.agreementCount}</Table.Td>
              <Table.Td>{c.licensingIdCount}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {customers.hasNextPage && (
        <Button variant="default" w="fit-content" loading={customers.isFetchingNextPage} onClick={() => void customers.fetchNextPage()}>
          {t('partner.customers.more')}
        </Button>
      )}
    </Stack>
  );
}
