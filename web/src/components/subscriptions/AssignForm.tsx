import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignSubscription, SUBSCRIPTIONS_KEY, type SubscriptionProduct } from '../../api/subscriptions';
import { ErrorAlert } from '../ErrorAlert';
import { RecipientFields, useRecipient } from '../recipient/RecipientFields';
import { SectionPanel } from '../SectionPanel';

export const refreshSubscriptions = (q: { queryKey: readonly unknown[] }) => q.queryKey[0] === SUBSCRIPTIONS_KEY;

/**
 * R-PERM-2: assign one subscription of the product to a named person. The purchase obligation
 * (seed 000: it takes effect at assignment, used or not) is shown and must be ticked first.
 */
export function AssignForm({ licensingId, product }: { licensingId: string; product: SubscriptionProduct }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const person = useRecipient('subscriptions.assign');
  const [acknowledged, setAcknowledged] = useState(false);
  const [ackError, setAckError] = useState<string | undefined>();
  const assign = useMutation({
    mutationFn: () =>
      assignSubscription(licensingId, { ...person.body(), productId: product.productId, acknowledgePurchaseObligation: acknowledged }),
    onSuccess: () => {
      person.reset();
      setAcknowledged(false);
      return queryClient.invalidateQueries({ predicate: refreshSubscriptions });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const personOk = person.check();
    setAckError(acknowledged ? undefined : t('subscriptions.assign.acknowledgeRequired'));
    if (personOk && acknowledged) assign.mutate();
  };
  return (
    <SectionPanel headingId="assign-subscription" title={t('subscriptions.assign.title')}>
      <form noValidate onSubmit={onSubmit} data-testid="assign-form">
        <Stack maw={560}>
          <Text size="sm">{t('subscriptions.assign.remaining', { count: product.remaining })}</Text>
          <RecipientFields state={person} />
          <Alert color="yellow" variant="outline" title={t('subscriptions.assign.obligationTitle')} data-testid="obligation-notice">
            {t('subscriptions.assign.obligation')}
          </Alert>
          <Checkbox
            name="acknowledgePurchaseObligation"
            label={t('subscriptions.assign.acknowledge')}
            checked={acknowledged}
            error={ackError}
            onChange={(e) => setAcknowledged(e.currentTarget.checked)}
          />
          {assign.isError && <ErrorAlert error={assign.error} />}
          {assign.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="assigned">
              {t('subscriptions.assign.assigned', { email: assign.data.email })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={assign.isPending}>
              {t('subscriptions.assign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionPanel>
  );
}
