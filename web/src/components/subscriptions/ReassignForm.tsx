import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assignment, reassignSubscription } from '../../api/subscriptions';
import { ErrorAlert } from '../ErrorAlert';
import { RecipientFields, useRecipient } from '../recipient/RecipientFields';
import { SectionPanel } from '../SectionPanel';
import { refreshSubscriptions } from './AssignForm';

/** R-PERM-2: give an assigned subscription to someone else; `onDone` gets the new holder's address. */
export function ReassignForm({
  licensingId,
  assignment,
  onDone,
  onCancel,
}: {
  licensingId: string;
  assignment: Assignment;
  onDone: (email: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const person = useRecipient('subscriptions.assign');
  const reassign = useMutation({
    mutationFn: () => reassignSubscription(licensingId, assignment.id, person.body()),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ predicate: refreshSubscriptions });
      onDone(a.email);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (person.check()) reassign.mutate();
  };
  return (
    <SectionPanel headingId="reassign-subscription" title={t('subscriptions.assignments.reassignTitle', { name: assignment.name })}>
      <form noValidate onSubmit={onSubmit} data-testid="reassign-form">
        <Stack maw={560}>
          <Text size="sm">{t('subscriptions.assignments.reassignIntro', { name: assignment.name })}</Text>
          <RecipientFields state={person} />
          {reassign.isError && <ErrorAlert error={reassign.error} />}
          <Group>
            <Button type="submit" loading={reassign.isPending}>
              {t('subscriptions.assignments.reassignSubmit')}
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              {t('subscriptions.assignments.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionPanel>
  );
}
