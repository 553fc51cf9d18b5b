import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../api/types';

export interface PersonDraft {
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
}
export const emptyPerson = (): PersonDraft => ({ email: '', firstName: '', lastName: '', locale: 'en' });

/** A partner user as the publisher enters one: name, work address and the language of their mails. */
export function PersonFields({
  value,
  onChange,
  errors,
}: {
  value: PersonDraft;
  onChange: (next: PersonDraft) => void;
  errors: { firstName?: string | undefined; lastName?: string | undefined; email?: string | undefined };
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('partner.form.firstName')}
        value={value.firstName}
        error={errors.firstName}
        onChange={(e) => onChange({ ...value, firstName: e.currentTarget.value })}
      />
      <TextInput
        label={t('partner.form.lastName')}
        value={value.lastName}
        error={errors.lastName}
        onChange={(e) => onChange({ ...value, lastName: e.currentTarget.value })}
      />
      <TextInput
        type="email"
        label={t('partner.form.userEmail')}
        value={value.email}
        error={errors.email}
        onChange={(e) => onChange({ ...value, email: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('partner.form.locale')}
        value={value.locale}
        onChange={(e) => onChange({ ...value, locale: e.currentTarget.value as Locale })}
        data={[
          { value: 'en', label: t('language.en') },
          { value: 'sv', label: t('language.sv') },
        ]}
      />
    </SimpleGrid>
  );
}

/** The field problems of a person draft, before anything is sent. */
export function personProblems(p: PersonDraft, required: string, emailProblem: (v: string) => string | undefined) {
  return {
    firstName: p.firstName.trim() ? undefined : required,
    lastName: p.lastName.trim() ? undefined : required,
    email: emailProblem(p.email.trim()),
  };
}
