import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * Anything destructive (remove, deactivate, deny, revoke, opt out) asks first; the dialog says what
 * happens and names what is affected.
 */
export function ConfirmButton({
  label,
  target,
  title,
  question,
  confirmLabel,
  onConfirm,
  loading,
  destructive = true,
  size = 'xs',
  variant = 'outline',
}: {
  label: string;
  /** What the button acts on, for screen readers when several stand in a list ("Remove: 67012345"). */
  target?: string;
  title?: string;
  question: string;
  confirmLabel?: string;
  onConfirm: () => void;
  loading?: boolean;
  destructive?: boolean;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const color = destructive ? 'red' : 'blue';
  return (
    <>
      <Button
        color={color}
        variant={variant}
        size={size}
        onClick={open}
        loading={loading}
        aria-label={target ? t('common.labelFor', { label, target }) : undefined}
      >
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title ?? label} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text mb="md">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={color}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel ?? t('common.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
