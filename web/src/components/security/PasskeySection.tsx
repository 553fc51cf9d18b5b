import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addPasskey,
  type Passkey,
  passkeyRegistrationOptions,
  removePasskey,
  type SecurityOverview,
  securityQuery,
} from '../../api/identity';
import { formatDateTime, formatDay } from '../identity/format';
import { CaptionedTable } from '../tables';
import { NewPasskeyForm } from './NewPasskeyForm';
import { PasskeyNameForm } from './PasskeyNameForm';
import { PasswordConfirmButton } from './PasswordConfirmButton';
import { SecurityError } from './SecurityError';
import { createPasskey } from './webauthn';

function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityQuery.queryKey });
  return (
    <Table.Tr data-passkey={passkey.name}>
      <Table.Td>
        {renaming ? (
          <PasskeyNameForm
            passkey={passkey}
            onDone={async () => {
              setRenaming(false);
              await refresh();
            }}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          passkey.name
        )}
      </Table.Td>
      <Table.Td>{formatDay(passkey.createdAt, i18n.language)}</Table.Td>
      <Table.Td>{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt, i18n.language) : t('security.passkeys.neverUsed')}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {!renaming && (
            <Button
              size="xs"
              variant="outline"
              onClick={() => setRenaming(true)}
              aria-label={t('common.labelFor', { label: t('security.passkeys.rename'), target: passkey.name })}
            >
              {t('security.passkeys.rename')}
            </Button>
          )}
          <PasswordConfirmButton
            label={t('security.passkeys.remove')}
            target={passkey.name}
            title={t('security.passkeys.removeTitle')}
            question={t('security.passkeys.removeQuestion', { name: passkey.name })}
            confirmLabel={t('security.passkeys.remove')}
            onConfirm={async (password) => {
              await removePasskey(passkey.id, password);
              await refresh();
            }}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The passkeys of the signed-in user: each named, renamed or removed; a new one registered with the browser. */
export function PasskeySection({ overview, onRecoveryCodes }: { overview: SecurityOverview; onRecoveryCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: async (passkeyName: string) => addPasskey(passkeyName, await createPasskey(await passkeyRegistrationOptions())),
    onSuccess: async ({ recoveryCodes }) => {
      if (recoveryCodes) onRecoveryCodes(recoveryCodes);
      await queryClient.invalidateQueries({ queryKey: securityQuery.queryKey });
    },
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="security-passkeys-heading">
      <Group gap="sm">
        <Title order={3} size="h4" id="security-passkeys-heading">
          {t('security.passkeys.heading')}
        </Title>
        <Badge color={overview.passkeys.length > 0 ? 'teal.9' : 'gray.7'} variant="filled" tt="none" data-testid="passkey-count">
          {t('security.passkeys.count', { count: overview.passkeys.length })}
        </Badge>
      </Group>
      <Text size="sm">{t('security.passkeys.intro')}</Text>
      {overview.passkeys.length > 0 && (
        <CaptionedTable
          caption={t('security.passkeys.caption')}
          minWidth={520}
          columns={[
            t('security.passkeys.name'),
            t('security.passkeys.added'),
            t('security.passkeys.lastUsed'),
            t('security.passkeys.actions'),
          ]}
        >
          {overview.passkeys.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} />
          ))}
        </CaptionedTable>
      )}
      {overview.passkeysAvailable ? (
        // Keyed by the count, so the field starts empty again once the new passkey is listed.
        <NewPasskeyForm
          key={overview.passkeys.length}
          label={t('security.passkeys.add')}
          pending={add.isPending}
          onAdd={(name) => add.mutate(name)}
        />
      ) : (
        <Text size="sm">{t('security.passkeys.unavailable')}</Text>
      )}
      {add.isError && <SecurityError error={add.error} />}
      {add.isSuccess && (
        <Text size="sm" role="status">
          {t('security.passkeys.addedStatus', { name: add.data.passkey.name })}
        </Text>
      )}
    </Stack>
  );
}
