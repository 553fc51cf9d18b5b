import { Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { runExpiry } from '../../api/backoffice';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';

/**
 * The expiry the server runs by itself each day, run now (after an end date was corrected, say).
 * It concerns every customer, so it asks first and then says which Licensing IDs it expired.
 */
export function ExpiryPanel({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const expiry = useMutation({
    mutationFn: runExpiry,
    onSuccess: async ({ expired }) => {
      await queryClient.invalidateQueries({ queryKey: ['operator-customer'] });
      onDone(
        expired.length === 0
          ? t('backoffice.expiry.none')
          : t('backoffice.expiry.expired', { count: expired.length, numbers: expired.join(', ') }),
      );
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('backoffice.expiry.heading')}
        </Title>
        <Text size="sm" maw={720}>
          {t('backoffice.expiry.intro')}
        </Text>
        {expiry.isError && <ErrorAlert error={expiry.error} />}
        <div>
          <ConfirmButton
            label={t('backoffice.expiry.button')}
            question={t('backoffice.expiry.question')}
            confirmLabel={t('backoffice.expiry.confirm')}
            onConfirm={() => expiry.mutate()}
            loading={expiry.isPending}
            size="sm"
          />
        </div>
      </Stack>
    </Paper>
  );
}
