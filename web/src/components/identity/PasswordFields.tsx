import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface PasswordValue {
  password: string;
  confirm: string;
}

/** The problem with a new password before it is sent, or undefined. */
export function passwordErrors(value: PasswordValue, t: (key: string) => string): { password?: string; confirm?: string } {
  return {
    password: value.password ? undefined : t('identity.password.required'),
    confirm: value.password && value.confirm !== value.password ? t('identity.password.mismatch') : undefined,
  };
}

/**
 * A new password and its confirmation; the server's rule (WEAK_PASSWORD) shows next to the field.
 * `labels`: where a current password is on the same form, "New password" and its confirmation.
 */
export function PasswordFields({
  value,
  onChange,
  errors,
  labels,
}: {
  value: PasswordValue;
  onChange: (value: PasswordValue) => void;
  errors: { password?: string; confirm?: string };
  labels?: { password: string; confirm: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={labels?.password ?? t('identity.password.label')}
        description={t('identity.password.help')}
        name="new-password"
        autoComplete="new-password"
        required
        value={value.password}
        error={errors.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
      />
      <PasswordInput
        label={labels?.confirm ?? t('identity.password.confirm')}
        name="confirm-password"
        autoComplete="new-password"
        required
        value={value.confirm}
        error={errors.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
      />
    </>
  );
}
