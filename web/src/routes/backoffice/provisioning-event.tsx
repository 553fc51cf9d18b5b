import { Alert, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProvisioningEventDetail, provisioningEventQuery, redeliverEvent } from '../../api/provisioning';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { DeliveryStateBadge } from '../../components/provisioning/DeliveryStateBadge';
import { utcTime } from '../../components/provisioning/format';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function EventFacts({ event }: { event: ProvisioningEventDetail }) {
  const { t, i18n } = useTranslation();
  const when = (at: string | null) => (at ? utcTime(at, i18n.language) : t('provisioning.detail.none'));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Fact label={t('provisioning.detail.type')}>{t(`provisioning.types.${event.type}`)}</Fact>
      <Fact label={t('provisioning.detail.subject')}>{event.subject}</Fact>
      <Fact label={t('provisioning.detail.id')}>{event.id}</Fact>
      <Fact label={t('provisioning.detail.created')}>{when(event.createdAt)}</Fact>
      <Fact label={t('provisioning.detail.state')}>
        <DeliveryStateBadge status={event.delivery.state} />
      </Fact>
      <Fact label={t('provisioning.detail.attemptsSinceQueued')}>{event.delivery.attempts}</Fact>
      <Fact label={t('provisioning.detail.queued')}>{when(event.delivery.queuedAt)}</Fact>
      <Fact label={t('provisioning.detail.nextAttempt')}>{when(event.delivery.nextAttemptAt)}</Fact>
      <Fact label={t('provisioning.detail.delivered')}>{when(event.delivery.deliveredAt)}</Fact>
    </SimpleGrid>
  );
}

/** Issue 14: one provisioning event, its payload and every delivery attempt; a delivered or failed one is sent again after confirming. */
export function ProvisioningEventPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('provisioning.detail.title'));
  const { eventId } = useParams({ from: '/_app/operator/provisioning/$eventId' });
  const queryClient = useQueryClient();
  const event = useQuery(provisioningEventQuery(eventId));
  const redeliver = useMutation({
    mutationFn: () => redeliverEvent(eventId),
    onSuccess: (data) => {
      queryClient.setQueryData(provisioningEventQuery(eventId).queryKey, data);
      return queryClient.invalidateQueries({ queryKey: ['provisioning-events'] });
    },
  });
  const latest = redeliver.data?.attempts[0];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('provisioning.detail.title')}</Title>
      <AnchorLink to="/operator/provisioning" w="fit-content">
        {t('provisioning.detail.back')}
      </AnchorLink>
      {event.isPending && <Loading />}
      {event.isError && <ErrorAlert error={event.error} />}
      {redeliver.isError && <ErrorAlert error={redeliver.error} />}
      {redeliver.isSuccess && latest && (
        <Alert color={latest.outcome === 'DELIVERED' ? 'green' : 'yellow'} variant="outline" role="status">
          {t('provisioning.detail.redelivered', { outcome: t(`provisioning.outcomes.${latest.outcome}`) })}
        </Alert>
      )}
      {event.isSuccess && (
        <>
          <EventFacts event={event.data} />
          {event.data.delivery.state !== 'PENDING' && (
            <Group>
              <ConfirmButton
                label={t('provisioning.detail.redeliver')}
                title={t('provisioning.detail.redeliverTitle')}
                question={t('provisioning.detail.redeliverQuestion', {
                  type: t(`provisioning.types.${event.data.type}`),
                  subject: event.data.subject,
                })}
                confirmLabel={t('provisioning.detail.redeliver')}
                onConfirm={() => redeliver.mutate()}
                loading={redeliver.isPending}
                destructive={false}
                size="sm"
              />
            </Group>
          )}
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('provisioning.detail.payload')}
            </Title>
            <Code block className="audit-change">
              {JSON.stringify(event.data.data, null, 2)}
            </Code>
          </Stack>
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('provisioning.detail.attemptsHeading')}
            </Title>
            {event.data.attempts.length === 0 ? (
              <Text>{t('provisioning.detail.noAttempts')}</Text>
            ) : (
              <ScrollTable
                caption={t('provisioning.detail.attemptsCaption')}
                minWidth={640}
                columns={[
                  t('provisioning.detail.started'),
                  t('provisioning.detail.outcome'),
                  t('provisioning.detail.statusCode'),
                  t('provisioning.detail.duration'),
                  t('provisioning.detail.error'),
                ]}
              >
                {event.data.attempts.map((a) => (
                  <Table.Tr key={a.id} data-outcome={a.outcome}>
                    <Table.Td>{utcTime(a.startedAt, i18n.language)}</Table.Td>
                    <Table.Th scope="row" fw={400}>
                      {t(`provisioning.outcomes.${a.outcome}`)}
                    </Table.Th>
                    <Table.Td>{a.statusCode ?? t('provisioning.detail.none')}</Table.Td>
                    <Table.Td>{t('provisioning.detail.durationMs', { ms: a.durationMs })}</Table.Td>
                    <Table.Td>{a.error ?? t('provisioning.detail.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </ScrollTable>
            )}
          </Stack>
        </>
      )}
    </Stack>
  );
}
