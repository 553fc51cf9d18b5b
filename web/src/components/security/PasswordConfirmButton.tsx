import { Button, type ButtonProps, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecurityError } from './SecurityError';

/**
 * A change that weakens the account (removing a factor, replacing the recovery codes) asks what it
 * does and for the password: a session left open is not enough. The dialog stays open, with the
 * refusal, until `onConfirm` succeeds.
 */
export function PasswordConfirmButton({
  label,
  target,
  title,
  question,
  confirmLabel,
  onConfirm,
  destructive = true,
  variant = 'outline',
  size = 'xs',
}: {
  label: string;
  target?: string;
  title: string;
  question: string;
  confirmLabel: string;
  onConfirm: (password: string) => Promise<unknown>;
  destructive?: boolean;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const color = destructive ? 'red' : 'blue';

  const dismiss = () => {
    setPassword('');
    setMissing(false);
    setError(undefined);
    close();
  };
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!password);
    if (!password) return;
    setPending(true);
    try {
      await onConfirm(password);
      dismiss();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button
        color={color}
        variant={variant}
        size={size}
        onClick={open}
        aria-label={target ? t('common.labelFor', { label, target }) : undefined}
      >
        {label}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text>{question}</Text>
            <PasswordInput
              label={t('security.password.label')}
              autoComplete="current-password"
              required
              data-autofocus
              value={password}
              error={missing ? t('security.password.required') : undefined}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            {error !== undefined && <SecurityError error={error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={color} loading={pending}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
