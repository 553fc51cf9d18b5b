import { Button, Group, List, NativeSelect, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { elearningParticipantsQuery, removeElearningParticipant } from '../../api/software-assurance';
import { formatDate } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

const refresh = (q: { queryKey: readonly unknown[] }) => ['sa-elearning', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0]));

/**
 * R-SA-4: who has joined with the access code, newest first, optionally on one eligible domain.
 * Those who manage the benefit may remove a participant (after confirming) while it is Activated:
 * the unit returns and the employee is mailed.
 */
export function ElearningParticipants({ licensingId, domains, open }: { licensingId: string; domains: string[]; open: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState('');
  const participants = useInfiniteQuery(elearningParticipantsQuery(licensingId, domain));
  const remove = useMutation({
    mutationFn: (id: string) => removeElearningParticipant(licensingId, id),
    onSuccess: () => queryClient.invalidateQueries({ predicate: refresh }),
  });
  const rows = participants.data?.pages.flatMap((p) => p.items) ?? [];
  const mayRemove = open && participants.data?.pages[0]?.mayRemove === true;
  return (
    <Stack gap="xs" data-testid="elearning-participants">
      <Text fw={600} id="elearning-participants">
        {t('softwareAssurance.elearning.participantList.title')}
      </Text>
      {domains.length > 1 && (
        <NativeSelect
          label={t('softwareAssurance.elearning.participantList.domain')}
          name="participant-domain"
          maw={360}
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          data={[{ value: '', label: t('softwareAssurance.elearning.participantList.allDomains') }, ...domains]}
        />
      )}
      {participants.isPending && <Loading />}
      {participants.isError && <ErrorAlert error={participants.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {participants.data && rows.length === 0 && (
        <Text c="dimmed">
          {domain
            ? t('softwareAssurance.elearning.participantList.noneOnDomain', { domain })
            : t('softwareAssurance.elearning.participantList.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <List aria-labelledby="elearning-participants" listStyleType="none" spacing="xs">
          {rows.map((p) => (
            <List.Item key={p.id} data-participant={p.email}>
              <Group gap="sm" wrap="wrap">
                <Text style={{ overflowWrap: 'anywhere' }}>{p.email}</Text>
                <Text size="sm" c="dimmed">
                  {t('softwareAssurance.elearning.participantList.joined', { date: formatDate(p.joinedAt.slice(0, 10), i18n.language) })}
                </Text>
                {mayRemove && (
                  <ConfirmButton
                    label={t('softwareAssurance.elearning.participantList.remove')}
                    target={p.email}
                    title={t('softwareAssurance.elearning.participantList.removeTitle')}
                    question={t('softwareAssurance.elearning.participantList.removeQuestion', { email: p.email })}
                    confirmLabel={t('softwareAssurance.elearning.participantList.remove')}
                    loading={remove.isPending && remove.variables === p.id}
                    onConfirm={() => remove.mutate(p.id)}
                  />
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {participants.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          loading={participants.isFetchingNextPage}
          onClick={() => void participants.fetchNextPage()}
        >
          {t('softwareAssurance.elearning.participantList.more')}
        </Button>
      )}
    </Stack>
  );
}
