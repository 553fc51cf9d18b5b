import { Button, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { QUEUE_FILTERS, type QueueFilter, SUPPORT_TOPICS, type SupportTopic, supportQueueQuery } from '../../api/support';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { StatusWithDue } from '../../components/support/SupportStatus';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

export interface QueueSearch {
  status: QueueFilter;
  topic?: SupportTopic;
}

/** R-SUP-1: the publisher's support queue: status and topic filters, the 24-hour answer due time, overdue marked. */
export function SupportQueuePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('support.queue.title'));
  const { status, topic } = useSearch({ from: '/_app/support/queue' });
  const navigate = useNavigate({ from: '/support/queue' });
  const queue = useInfiniteQuery(supportQueueQuery(status, topic));
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const forbidden = queue.error instanceof ApiError && queue.error.status === 403;
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('support.queue.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('support.queue.noRoleTitle')} description={t('support.queue.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('support.queue.intro')}</Text>
          <NativeSelect
            label={t('support.queue.filter')}
            maw={360}
            value={status}
            onChange={(e) => {
              const value = e.currentTarget.value as QueueFilter;
              void navigate({ search: (s) => ({ ...s, status: value }), replace: true });
            }}
            data={QUEUE_FILTERS.map((s) => ({ value: s, label: t(`support.queue.filters.${s}`) }))}
          />
          <NativeSelect
            label={t('support.queue.topic')}
            maw={360}
            value={topic ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value as SupportTopic | '';
              void navigate({ search: (s) => ({ ...s, topic: value || undefined }), replace: true });
            }}
            data={[
              { value: '', label: t('support.queue.allTopics') },
              ...SUPPORT_TOPICS.map((x) => ({ value: x, label: t(`support.topics.${x}`) })),
            ]}
          />
          {queue.isPending && <Loading />}
          {queue.isError && !forbidden && <ErrorAlert error={queue.error} />}
          {queue.isSuccess && (
            <Text size="sm" role="status" data-request-count={rows.length}>
              {queue.hasNextPage ? t('support.queue.countMore', { count: rows.length }) : t('support.queue.count', { count: rows.length })}
            </Text>
          )}
          {queue.isSuccess && rows.length === 0 && (
            <EmptyNotice title={t('support.queue.noneTitle')} description={t('support.queue.none')} data-state="empty" />
          )}
          {queue.isSuccess && rows.length > 0 && (
            <ScrollTable
              caption={t('support.queue.caption')}
              minWidth={960}
              columns={[
                t('support.columns.reference'),
                t('support.columns.subject'),
                t('support.columns.organization'),
                t('support.columns.topic'),
                t('support.columns.licensingId'),
                t('support.columns.submitted'),
                t('support.columns.due'),
                { label: t('support.columns.status'), minWidth: 200 },
              ]}
            >
              {rows.map((r) => (
                <Table.Tr key={r.id} data-request-id={r.id} data-request-status={r.status}>
                  <Table.Td>{r.reference}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/support/queue/$requestId" params={{ requestId: r.id }} style={{ overflowWrap: 'anywhere' }}>
                      {r.subject}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {r.organization}
                    <Text size="xs">{r.requestedBy}</Text>
                  </Table.Td>
                  <Table.Td>{t(`support.topics.${r.topic}`)}</Table.Td>
                  <Table.Td>{r.licensingIdNumber ?? t('support.noLicensingId')}</Table.Td>
                  <Table.Td>{date(r.submittedAt)}</Table.Td>
                  <Table.Td>{r.answerDueAt ? date(r.answerDueAt) : t('support.queue.noneDue')}</Table.Td>
                  <Table.Td>
                    <StatusWithDue status={r.status} overdue={r.overdue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          )}
          {queue.hasNextPage && (
            <Button variant="default" w="fit-content" loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
              {t('support.more')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
