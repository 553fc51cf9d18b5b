import { List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTNER_CHANGE_STATUSES, partnerChangesQuery } from '../../api/partner-change';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PartnerChangeStatusBadge } from '../../components/partner-change/PartnerChangeFacts';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REL-6: the customer's changes of channel partner with their statuses, newest first. */
export function PartnerChangesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('partnerChange.list.title'));
  const changes = useQuery(partnerChangesQuery);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('partnerChange.list.title')}</Title>
      <Text maw={760}>{t('partnerChange.list.intro')}</Text>
      <ButtonLink to="/licenses/partner-changes/new" search={{}} w="fit-content">
        {t('partnerChange.list.start')}
      </ButtonLink>
      {changes.isPending && <Loading />}
      {changes.isError && <ErrorAlert error={changes.error} />}
      {changes.isSuccess && changes.data.items.length === 0 && (
        <EmptyNotice title={t('partnerChange.list.noneTitle')} description={t('partnerChange.list.none')} data-state="empty" />
      )}
      {changes.isSuccess && changes.data.items.length > 0 && (
        <ScrollTable
          caption={t('partnerChange.list.caption')}
          minWidth={720}
          columns={[
            t('partnerChange.columns.reference'),
            t('partnerChange.columns.licensingIds'),
            t('partnerChange.columns.newPartner'),
            t('partnerChange.columns.requested'),
            t('partnerChange.columns.status'),
          ]}
        >
          {changes.data.items.map((c) => (
            <Table.Tr key={c.id} data-change-id={c.id} data-status={c.status}>
              <Table.Td>
                <AnchorLink to="/licenses/partner-changes/$changeId" params={{ changeId: c.id }}>
                  {c.reference}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{c.lines.map((l) => l.number).join(', ')}</Table.Td>
              <Table.Td>{c.newPartner.name}</Table.Td>
              <Table.Td>{formatDateTime(c.requestedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <PartnerChangeStatusBadge status={c.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      <section aria-labelledby="partner-change-legend">
        <Title order={2} size="h4" id="partner-change-legend">
          {t('partnerChange.list.legend')}
        </Title>
        <List size="sm" spacing={4} mt="xs">
          {PARTNER_CHANGE_STATUSES.map((s) => (
            <List.Item key={s}>
              <strong>{t(`partnerChange.statuses.${s}`)}</strong>: {t(`partnerChange.statusHelp.${s}`)}
            </List.Item>
          ))}
        </List>
      </section>
    </Stack>
  );
}
