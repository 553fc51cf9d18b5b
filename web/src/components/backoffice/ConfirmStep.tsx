import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The end of a back-office change's form: first a Continue button that submits the form (which
 * checks it and sets `confirming`), then what will happen, in words, with the button that does it
 * (or back to the form). Nothing is sent before this is confirmed.
 */
export function ConfirmStep({
  confirming,
  question,
  confirmLabel,
  onConfirm,
  onBack,
  pending,
}: {
  confirming: boolean;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  if (!confirming) {
    return (
      <Group justify="flex-end">
        <Button type="submit">{t('backoffice.customer.next')}</Button>
      </Group>
    );
  }
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
