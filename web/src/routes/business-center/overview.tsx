import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type AccountLicensingId, accountLicensingIdsQuery, purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { SectionPanel } from '../../components/SectionPanel';
import { usePageTitle } from '../../lib/usePageTitle';

/** The chosen purchasing account: its address, contact, partner, the user's roles and its agreements. */
export function AccountOverviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('businessCenter.overview.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const canView = account?.roles.some((r) => ['ACCOUNT_VIEWER', 'REPORT_VIEWER', 'ACCOUNT_MANAGER', 'ACCOUNT_ADMINISTRATOR'].includes(r));
  const agreements = useQuery({ ...accountLicensingIdsQuery(accountId), enabled: canView === true });
  if (!account) return null;
  const a = account.address;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SectionPanel headingId="account-address" title={t('businessCenter.overview.address')}>
          <Text>{a.line1}</Text>
          {a.line2 && <Text>{a.line2}</Text>}
          <Text>
            {a.postalCode} {a.city}
          </Text>
          <Text>{a.country}</Text>
        </SectionPanel>
        <SectionPanel headingId="account-people" title={t('businessCenter.overview.people')}>
          <Text>{t('businessCenter.overview.contact', { name: account.contact.name, email: account.contact.email })}</Text>
          <Text>{t('businessCenter.overview.partner', { name: account.partner?.name ?? t('businessCenter.overview.noPartner') })}</Text>
          <Text>{t('businessCenter.overview.roles', { roles: account.roles.map((r) => t(`businessCenter.roles.${r}`)).join(', ') })}</Text>
        </SectionPanel>
      </SimpleGrid>
      <Title order={2}>{t('businessCenter.overview.agreements')}</Title>
      {!canView && (
        <EmptyNotice
          title={t('businessCenter.overview.noViewTitle')}
          description={t('businessCenter.overview.noView')}
          data-state="no-access"
        />
      )}
      {agreements.isPending && canView && <Loading />}
      {agreements.isError && <ErrorAlert error={agreements.error} />}
      {agreements.isSuccess && agreements.data.licensingIds.length === 0 && (
        <EmptyNotice title={t('businessCenter.overview.noAgreementsTitle')} description={t('businessCenter.overview.noAgreements')} />
      )}
      {agreements.isSuccess && agreements.data.licensingIds.length > 0 && (
        <DataTable<AccountLicensingId>
          caption={t('businessCenter.overview.agreementsCaption', { number: account.number })}
          rows={agreements.data.licensingIds}
          rowKey={(l) => l.id}
          rowAttributes={(l) => ({ 'data-licensing-id': l.number })}
          minWidth={560}
          columns={[
            {
              key: 'number',
              header: t('businessCenter.columns.licensingId'),
              rowHeader: true,
              cell: (l) => l.number,
              sort: (l) => l.number,
            },
            { key: 'name', header: t('businessCenter.columns.name'), cell: (l) => l.name ?? '', sort: (l) => l.name ?? '' },
            {
              key: 'program',
              header: t('businessCenter.columns.program'),
              cell: (l) => t(`programs.${l.programCode}`),
              sort: (l) => l.programCode,
            },
            {
              key: 'status',
              header: t('businessCenter.columns.status'),
              cell: (l) => t(`businessCenter.status.${l.status}`),
              sort: (l) => l.status,
            },
            { key: 'start', header: t('businessCenter.columns.startDate'), cell: (l) => l.startDate ?? '', sort: (l) => l.startDate ?? '' },
            { key: 'end', header: t('businessCenter.columns.endDate'), cell: (l) => l.endDate ?? '', sort: (l) => l.endDate ?? '' },
          ]}
        />
      )}
    </Stack>
  );
}
