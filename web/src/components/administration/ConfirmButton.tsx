import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** A destructive action asks first. */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  loading,
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red.9" size="xs" onClick={open} loading={loading}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={label}>
        <Text mb="md">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('administration.cancel')}
          </Button>
          <Button
            color="red.9"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {t('administration.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
