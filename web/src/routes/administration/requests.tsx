import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideRequest, type PermissionRequest, requestsQuery } from '../../api/administration';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

function RequestCard({ request }: { request: PermissionRequest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'ACCEPT' | 'DENY') => decideRequest(request.id, decision, note.trim()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['permission-requests'] }),
  });
  const who = request.requester ? `${request.requester.firstName} ${request.requester.lastName} <${request.requester.email}>` : '';
  return (
    <Paper withBorder p="md" component="section" aria-label={t('administration.requests.request', { number: request.number })}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('administration.requests.request', { number: request.number })}
        </Title>
        <Text>{t('administration.requests.who', { who, number: request.licensingId.number })}</Text>
        <Text>{t('administration.requests.roles', { roles: request.roles.map((r) => t(`roles.${r}`)).join(', ') })}</Text>
        {request.comment && <Text>{t('administration.requests.comment', { comment: request.comment })}</Text>}
        <Textarea label={t('administration.requests.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {decide.isError && <ErrorAlert error={decide.error} />}
        <Group>
          <Button onClick={() => decide.mutate('ACCEPT')} loading={decide.isPending}>
            {t('administration.requests.accept')}
          </Button>
          <Button color="red.9" onClick={() => decide.mutate('DENY')} loading={decide.isPending}>
            {t('administration.requests.deny')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** R-PERM-6: pending requests on the Licensing IDs this Administrator administers; any one of them decides. */
export function PendingRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.requests.title'));
  const pending = useQuery(requestsQuery(false));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('administration.requests.title')}</Title>
      {pending.isPending && <Loading />}
      {pending.isError && <ErrorAlert error={pending.error} />}
      {pending.isSuccess && pending.data.items.length === 0 && <Text>{t('administration.requests.none')}</Text>}
      {pending.data?.items.map((r) => (
        <RequestCard key={r.id} request={r} />
      ))}
    </Stack>
  );
}
