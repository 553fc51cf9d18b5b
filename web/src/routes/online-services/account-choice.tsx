import { Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountChoice } from '../../api/online-services';

export interface ChoiceState {
  /** An account id, or 'new'. */
  account: string;
  name: string;
  adminEmail: string;
}

/** R-OS-5: an account the user administers, or a new one (whose global admin is the user, or the address given). */
export function AccountChoiceFields({
  accounts,
  value,
  onChange,
  askEmail,
  errors,
  messages,
}: {
  accounts: readonly { id: string; name: string }[];
  value: ChoiceState;
  onChange: (next: ChoiceState) => void;
  askEmail: boolean;
  errors: { name?: string; adminEmail?: string };
  messages: 'onlineServices.link' | 'onlineServices.osa';
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {accounts.length > 0 && (
        <Radio.Group label={t(`${messages}.choose`)} value={value.account} onChange={(account) => onChange({ ...value, account })}>
          <Stack gap="xs" mt="xs">
            {accounts.map((a) => (
              <Radio key={a.id} value={a.id} label={t(`${messages}.existing`, { name: a.name })} />
            ))}
            <Radio value="new" label={t(`${messages}.new`)} />
          </Stack>
        </Radio.Group>
      )}
      {value.account === 'new' && (
        <TextInput
          label={t(`${messages}.accountName`)}
          name="accountName"
          autoComplete="organization"
          required
          value={value.name}
          error={errors.name}
          onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
        />
      )}
      {value.account === 'new' && askEmail && (
        <TextInput
          label={t('onlineServices.link.adminEmail')}
          description={t('onlineServices.link.adminEmailHelp')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={value.adminEmail}
          error={errors.adminEmail}
          onChange={(e) => onChange({ ...value, adminEmail: e.currentTarget.value })}
        />
      )}
    </Stack>
  );
}

/** What the form's state asks the API for, and what is missing. */
export function choiceOf(v: ChoiceState, askEmail: boolean): { choice?: AccountChoice; errors: { name?: boolean; adminEmail?: boolean } } {
  if (v.account !== 'new') return { choice: { accountId: v.account }, errors: {} };
  const errors = { name: !v.name.trim(), adminEmail: askEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.adminEmail.trim()) };
  if (errors.name || errors.adminEmail) return { errors };
  return { choice: { newAccount: { name: v.name.trim(), ...(askEmail ? { adminEmail: v.adminEmail.trim() } : {}) } }, errors };
}
