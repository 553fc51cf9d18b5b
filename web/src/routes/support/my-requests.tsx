import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mySupportRequestsQuery } from '../../api/support';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { StatusWithDue } from '../../components/support/SupportStatus';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-SUP-1: the requester's own support requests with their status, newest first. */
export function MySupportRequestsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('support.mine.title'));
  const { sent } = useSearch({ from: '/_app/support' });
  const mine = useInfiniteQuery(mySupportRequestsQuery);
  const rows = mine.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('support.mine.title')}</Title>
      {sent && (
        <Alert color="green" variant="outline" role="status" title={t('support.mine.sentTitle')}>
          {t('support.mine.sent')}
        </Alert>
      )}
      <Text maw={760}>{t('support.mine.intro')}</Text>
      <ButtonLink to="/support/new" search={{}} w="fit-content">
        {t('support.mine.new')}
      </ButtonLink>
      {mine.isPending && <Loading />}
      {mine.isError && <ErrorAlert error={mine.error} />}
      {mine.isSuccess && rows.length === 0 && (
        <EmptyNotice title={t('support.mine.noneTitle')} description={t('support.mine.none')} data-state="empty" />
      )}
      {mine.isSuccess && rows.length > 0 && (
        <ScrollTable
          caption={t('support.mine.caption')}
          minWidth={760}
          columns={[
            t('support.columns.reference'),
            t('support.columns.subject'),
            t('support.columns.topic'),
            t('support.columns.licensingId'),
            t('support.columns.submitted'),
            { label: t('support.columns.status'), minWidth: 170 },
          ]}
        >
          {rows.map((r) => (
            <Table.Tr key={r.id} data-request-id={r.id} data-request-status={r.status}>
              <Table.Td>{r.reference}</Table.Td>
              <Table.Td>
                <AnchorLink to="/support/requests/$requestId" params={{ requestId: r.id }} style={{ overflowWrap: 'anywhere' }}>
                  {r.subject}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{t(`support.topics.${r.topic}`)}</Table.Td>
              <Table.Td>{r.licensingIdNumber ?? t('support.noLicensingId')}</Table.Td>
              <Table.Td>{formatDateTime(r.submittedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <StatusWithDue status={r.status} overdue={false} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {mine.hasNextPage && (
        <Button variant="default" w="fit-content" loading={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()}>
          {t('support.more')}
        </Button>
      )}
    </Stack>
  );
}
