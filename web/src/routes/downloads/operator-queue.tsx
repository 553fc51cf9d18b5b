import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideKeyRequest, operatorKeyRequestsQuery, type PendingKeyRequest } from '../../api/keys';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

function Decision({ request }: { request: PendingKeyRequest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'APPROVE' | 'DENY') => decideKeyRequest(request.id, decision, note.trim()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['operator-key-requests'] }),
  });
  return (
    <Paper withBorder p="md" component="section" aria-label={`${request.organization} ${request.licensingIdNumber}`}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t(`downloads.requestKinds.${request.kind}`)} · {request.organization} · {request.licensingIdNumber}
        </Title>
        <Text>
          {t('downloads.queue.detail', {
            product: `${request.product.name} ${request.product.version} ${request.product.edition}`,
            lastFive: request.keyLastFive,
            wanted: request.activationsWanted,
            by: request.requestedBy,
          })}
        </Text>
        <Text>{request.justification}</Text>
        <Textarea label={t('downloads.queue.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {decide.isError && <ErrorAlert error={decide.error} />}
        <Group>
          <Button onClick={() => decide.mutate('APPROVE')} loading={decide.isPending}>
            {t('downloads.queue.approve')}
          </Button>
          <Button color="red.9" onClick={() => decide.mutate('DENY')} loading={decide.isPending}>
            {t('downloads.queue.deny')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** R-PERM-13: the publisher's queue of key requests; approving raises the limit. */
export function OperatorKeyRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.queue.title'));
  const queue = useQuery(operatorKeyRequestsQuery);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.queue.title')}</Title>
      {queue.isPending && <Loading />}
      {queue.isError && <ErrorAlert error={queue.error} />}
      {queue.isSuccess && queue.data.items.length === 0 && <Text>{t('downloads.queue.none')}</Text>}
      {queue.data?.items.map((r) => (
        <Decision key={r.id} request={r} />
      ))}
    </Stack>
  );
}
