import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface PersonName {
  firstName: string;
  lastName: string;
}

/**
 * A person's first and last name, both required; the caller lays them out and says what is missing.
 * `someoneElse`: the name of another person (a user being added), so the browser offers no autofill.
 */
export function NameFields({
  value,
  onChange,
  errors,
  someoneElse = false,
}: {
  value: PersonName;
  onChange: (value: PersonName) => void;
  errors: { firstName?: string; lastName?: string };
  someoneElse?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('common.firstName')}
        name="firstName"
        autoComplete={someoneElse ? 'off' : 'given-name'}
        required
        value={value.firstName}
        error={errors.firstName}
        onChange={(e) => onChange({ ...value, firstName: e.currentTarget.value })}
      />
      <TextInput
        label={t('common.lastName')}
        name="lastName"
        autoComplete={someoneElse ? 'off' : 'family-name'}
        required
        value={value.lastName}
        error={errors.lastName}
        onChange={(e) => onChange({ ...value, lastName: e.currentTarget.value })}
      />
    </>
  );
}
