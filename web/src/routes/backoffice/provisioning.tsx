import { Alert, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  DELIVERY_STATES,
  isDeliveryState,
  isProvisioningEventType,
  PROVISIONING_EVENT_TYPES,
  provisioningEventsQuery,
} from '../../api/provisioning';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { DeliveryStateBadge } from '../../components/provisioning/DeliveryStateBadge';
import { utcTime } from '../../components/provisioning/format';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * Issue 14: the delivery log of the webhooks to the publisher's provisioning system, newest first,
 * filtered by delivery state and event type (kept in the URL, so a filtered view can be shared).
 */
export function ProvisioningEventsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('provisioning.list.title'));
  const { state, type } = useSearch({ from: '/_app/operator/provisioning' });
  const navigate = useNavigate({ from: '/operator/provisioning' });
  const events = useInfiniteQuery(provisioningEventsQuery({ state, type }));
  const first = events.data?.pages[0];
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} className="long-title">
          {t('provisioning.list.title')}
        </Title>
        <Text maw={720}>{t('provisioning.list.intro')}</Text>
      </Stack>
      {first && !first.configured && (
        <Alert color="yellow" variant="outline" role="status">
          {t('provisioning.list.notConfigured')}
        </Alert>
      )}
      {first && (
        <Text role="status" data-counts={`${first.counts.PENDING}/${first.counts.DELIVERED}/${first.counts.FAILED}`}>
          {t('provisioning.list.counts', { pending: first.counts.PENDING, delivered: first.counts.DELIVERED, failed: first.counts.FAILED })}
        </Text>
      )}
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('provisioning.list.state')}
          value={state ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            void navigate({ search: { type, state: isDeliveryState(value) ? value : undefined }, replace: true });
          }}
          data={[
            { value: '', label: t('provisioning.list.allStates') },
            ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`provisioning.states.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('provisioning.list.type')}
          value={type ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            void navigate({ search: { state, type: isProvisioningEventType(value) ? value : undefined }, replace: true });
          }}
          data={[
            { value: '', label: t('provisioning.list.allTypes') },
            ...PROVISIONING_EVENT_TYPES.map((s) => ({ value: s, label: t(`provisioning.types.${s}`) })),
          ]}
        />
      </Group>
      {events.isPending && <Loading />}
      {!events.data && events.isError && <ErrorAlert error={events.error} />}
      {events.data && rows.length === 0 && (
        <EmptyNotice title={t('provisioning.list.emptyTitle')} description={t('provisioning.list.emptyDescription')} data-state="empty" />
      )}
      {rows.length > 0 && (
        <Stack gap="sm">
          <Text size="sm" data-event-count={rows.length}>
            {events.hasNextPage
              ? t('provisioning.list.countMore', { count: rows.length })
              : t('provisioning.list.count', { count: rows.length })}
          </Text>
          <ScrollTable
            caption={t('provisioning.list.caption')}
            minWidth={720}
            columns={[
              t('provisioning.list.created'),
              t('provisioning.list.type'),
              t('provisioning.list.subject'),
              t('provisioning.list.delivery'),
              t('provisioning.list.open'),
            ]}
          >
            {rows.map((e) => {
              const at = utcTime(e.createdAt, i18n.language);
              return (
                <Table.Tr key={e.id} data-event-id={e.id} data-state={e.delivery.state}>
                  <Table.Td>{at}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {t(`provisioning.types.${e.type}`)}
                  </Table.Th>
                  <Table.Td>{e.subject}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <DeliveryStateBadge status={e.delivery.state} />
                      <Text size="xs">{t('provisioning.list.attempts', { count: e.delivery.attempts })}</Text>
                      {e.delivery.lastOutcome && e.delivery.state !== 'DELIVERED' && (
                        <Text size="xs">
                          {t('provisioning.list.lastOutcome', { outcome: t(`provisioning.outcomes.${e.delivery.lastOutcome}`) })}
                        </Text>
                      )}
                      {e.delivery.nextAttemptAt && (
                        <Text size="xs">
                          {t('provisioning.list.nextAttempt', { at: utcTime(e.delivery.nextAttemptAt, i18n.language) })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/operator/provisioning/$eventId"
                      params={{ eventId: e.id }}
                      aria-label={t('provisioning.list.openFor', { at })}
                    >
                      {t('provisioning.list.open')}
                    </AnchorLink>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ScrollTable>
          {events.hasNextPage && (
            <Button variant="default" w="fit-content" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              {t('provisioning.list.more')}
            </Button>
          )}
          {events.isError && <ErrorAlert error={events.error} />}
        </Stack>
      )}
    </Stack>
  );
}
