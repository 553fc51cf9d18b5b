import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailProblem } from '../../lib/email';
import { EmailField } from '../EmailField';

export type Person = { name: string; email: string; locale: 'en' | 'sv' };
type Errors = { name?: string; email?: string };

/** A person's name, work address and the language of their mails; `check()` validates before sending. */
export function usePerson() {
  const { t } = useTranslation();
  const [person, setPerson] = useState<Person>({ name: '', email: '', locale: 'en' });
  const [errors, setErrors] = useState<Errors>({});
  const check = (): boolean => {
    const found: Errors = {
      name: person.name.trim() ? undefined : t('subscriptions.assign.nameRequired'),
      email: emailProblem(person.email.trim(), {
        required: t('subscriptions.assign.emailRequired'),
        invalid: t('subscriptions.assign.emailInvalid'),
      }),
    };
    setErrors(found);
    return !found.name && !found.email;
  };
  const body = (): Person => ({ name: person.name.trim(), email: person.email.trim(), locale: person.locale });
  const reset = () => setPerson({ name: '', email: '', locale: 'en' });
  return { person, setPerson, errors, check, body, reset };
}

export function PersonFields({ state }: { state: ReturnType<typeof usePerson> }) {
  const { t } = useTranslation();
  const { person, setPerson, errors } = state;
  return (
    <>
      <TextInput
        label={t('subscriptions.assign.name')}
        name="name"
        autoComplete="off"
        required
        value={person.name}
        error={errors.name}
        onChange={(e) => setPerson({ ...person, name: e.currentTarget.value })}
      />
      <EmailField
        label={t('subscriptions.assign.email')}
        description={t('subscriptions.assign.emailHint')}
        autoComplete="off"
        value={person.email}
        error={errors.email}
        onChange={(email) => setPerson({ ...person, email })}
      />
      <NativeSelect
        label={t('subscriptions.assign.language')}
        name="locale"
        value={person.locale}
        onChange={(e) => setPerson({ ...person, locale: e.currentTarget.value === 'sv' ? 'sv' : 'en' })}
        data={[
          { value: 'en', label: t('subscriptions.assign.languages.en') },
          { value: 'sv', label: t('subscriptions.assign.languages.sv') },
        ]}
      />
    </>
  );
}
