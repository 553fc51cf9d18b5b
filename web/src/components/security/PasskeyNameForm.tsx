import { Button, Group, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Passkey, renamePasskey } from '../../api/identity';
import { SecurityError } from './SecurityError';

/** Renaming a passkey in its row. */
export function PasskeyNameForm({ passkey, onDone, onCancel }: { passkey: Passkey; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(passkey.name);
  const [missing, setMissing] = useState(false);
  const save = useMutation({ mutationFn: (next: string) => renamePasskey(passkey.id, next), onSuccess: onDone });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(!trimmed);
    if (trimmed) save.mutate(trimmed);
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('security.passkeys.renameTitle')}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label={t('security.passkeys.name')}
          size="xs"
          required
          maxLength={60}
          data-autofocus
          value={name}
          error={missing ? t('security.passkeys.nameRequired') : undefined}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Button type="submit" size="xs" loading={save.isPending}>
          {t('security.passkeys.save')}
        </Button>
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
      {save.isError && <SecurityError error={save.error} />}
    </form>
  );
}
