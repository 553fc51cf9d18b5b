import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { partnersQuery } from '../../../api/partners';
import { EmptyNotice } from '../../../components/EmptyNotice';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { ScrollTable } from '../../../components/tables';
import { usePageTitle } from '../../../lib/usePageTitle';

/** The publisher's channel partners (R-REL-6): who they are and how many customers and Licensing IDs each serves. */
export function PartnersPage() {
  const { t } = useTranslation();
  usePageTitle(t('partner.admin.title'));
  const partners = useQuery(partnersQuery);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('partner.admin.title')}</Title>
        <Text maw={720}>{t('partner.admin.intro')}</Text>
      </Stack>
      <ButtonLink to="/operator/partners/new" w="fit-content">
        {t('partner.admin.register')}
      </ButtonLink>
      {partners.isPending && <Loading />}
      {partners.isError && <ErrorAlert error={partners.error} />}
      {partners.data && partners.data.items.length === 0 && (
        <EmptyNotice title={t('partner.admin.none')} description={t('partner.admin.noneHelp')} />
      )}
      {partners.data && partners.data.items.length > 0 && (
        <ScrollTable
          caption={t('partner.admin.caption')}
          columns={[t('partner.admin.name'), t('partner.admin.number'), t('partner.admin.customers'), t('partner.admin.licensingIds')]}
        >
          {partners.data.items.map((p) => (
            <Table.Tr key={p.id} data-partner={p.number}>
              <Table.Td>
                <AnchorLink to="/operator/partners/$partnerId" params={{ partnerId: p.id }}>
                  {p.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{p.number}</Table.Td>
              <Table.Td>{p.customerCount}</Table.Td>
              <Table.Td>{p.licensingIdCount}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}
