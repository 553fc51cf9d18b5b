import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The name of a passkey about to be registered, then the browser's own dialog (`onAdd`). Used on
 * the profile and when an organization's requirement has the user enrol at sign-in.
 */
export function NewPasskeyForm({
  label,
  pending,
  onAdd,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  pending: boolean;
  onAdd: (name: string) => void;
  /** Shown above the field (a heading and an introduction). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(!trimmed);
    if (trimmed) onAdd(trimmed);
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={label}>
      {children}
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label={t('security.passkeys.name')}
          description={t('security.passkeys.nameHelp')}
          name="passkey-name"
          required
          maxLength={60}
          value={name}
          error={missing ? t('security.passkeys.nameRequired') : undefined}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Button type="submit" variant="outline" loading={pending}>
          {t('security.passkeys.add')}
        </Button>
      </Group>
    </form>
  );
}
