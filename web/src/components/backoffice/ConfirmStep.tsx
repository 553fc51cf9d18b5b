import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The second step of a back-office change: what will happen, in words, and the button that does it
 * (or back to the form). Nothing is sent before this is confirmed.
 */
export function ConfirmStep({
  question,
  confirmLabel,
  onConfirm,
  onBack,
  pending,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="outline" title={t('backoffice.customer.confirmTitle')}>
      <Stack gap="xs">
        <Text size="sm">{question}</Text>
        <Group>
          <Button size="xs" onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
          <Button size="xs" variant="default" onClick={onBack}>
            {t('backoffice.customer.back')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
