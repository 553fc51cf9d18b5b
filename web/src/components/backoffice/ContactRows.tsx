import { Button, List, NativeSelect, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CONTACT_TYPES, type ContactType } from '../../api/backoffice';
import { problemDetail } from '../../api/client';
import type { Locale } from '../../api/types';
import { emailProblem } from '../../lib/email';

export interface ContactRow {
  type: ContactType;
  name: string;
  email: string;
  locale: Locale;
}
export type FieldErrors = Record<string, string | undefined>;

export const emptyContact = (type: ContactType = 'PRIMARY_CONTACT'): ContactRow => ({ type, name: '', email: '', locale: 'en' });

type T = (key: string, options?: Record<string, unknown>) => string;

/** What is missing or malformed in the rows, keyed `contact<i>.<field>` as the rows show it. */
export function contactErrors(contacts: readonly ContactRow[], t: T): FieldErrors {
  const required = t('backoffice.form.required');
  const errors: FieldErrors = {};
  contacts.forEach((c, i) => {
    errors[`contact${i}.name`] = c.name.trim() ? undefined : required;
    errors[`contact${i}.email`] = emailProblem(c.email.trim(), { required, invalid: t('backoffice.form.emailInvalid') });
  });
  return errors;
}

/** The rows as the API takes them. */
export const contactsBody = (contacts: readonly ContactRow[]) =>
  contacts.map((c) => ({ type: c.type, name: c.name.trim(), email: c.email.trim(), locale: c.locale }));

/**
 * R-REL-6: the contacts of record being named (onboarding, a change of owner), each with its type,
 * name, work address and the language of their mails; rows are added and removed.
 */
export function ContactRows({
  contacts,
  onChange,
  errors,
}: {
  contacts: ContactRow[];
  onChange: (contacts: ContactRow[]) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const set = (i: number, v: Partial<ContactRow>) => onChange(contacts.map((c, at) => (at === i ? { ...c, ...v } : c)));
  return (
    <>
      {contacts.map((c, i) => (
        <Paper key={`contact-${i.toString()}`} withBorder p="sm" component="fieldset" data-contact-row={i}>
          <Text component="legend" size="sm" fw={600}>
            {t('backoffice.onboard.contactN', { n: i + 1 })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('backoffice.form.contactType')}
              value={c.type}
              onChange={(e) => set(i, { type: e.currentTarget.value as ContactType })}
              data={CONTACT_TYPES.map((type) => ({ value: type, label: t(`backoffice.contactTypes.${type}`) }))}
            />
            <TextInput
              label={t('backoffice.form.contactName')}
              value={c.name}
              error={errors[`contact${i}.name`]}
              onChange={(e) => set(i, { name: e.currentTarget.value })}
            />
            <TextInput
              type="email"
              label={t('backoffice.form.contactEmail')}
              value={c.email}
              error={errors[`contact${i}.email`]}
              onChange={(e) => set(i, { email: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('backoffice.form.contactLocale')}
              value={c.locale}
              onChange={(e) => set(i, { locale: e.currentTarget.value as Locale })}
              data={[
                { value: 'en', label: t('language.en') },
                { value: 'sv', label: t('language.sv') },
              ]}
            />
          </SimpleGrid>
          <Button mt="xs" size="xs" variant="subtle" color="red.9" onClick={() => onChange(contacts.filter((_, at) => at !== i))}>
            {t('backoffice.onboard.removeContact', { n: i + 1 })}
          </Button>
        </Paper>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => onChange([...contacts, emptyContact(CONTACT_TYPES.find((type) => !contacts.some((c) => c.type === type)))])}
      >
        {t('backoffice.onboard.addContact')}
      </Button>
    </>
  );
}

/** AGREEMENT_INVALID's values, each with its field and message, under the alert (nothing for other problems). */
export function RefusedValues({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const refused = problemDetail<{ field: string; message: string }[]>(error, 'errors') ?? [];
  if (refused.length === 0) return undefined;
  return (
    <List size="sm">
      {refused.map((e) => (
        <List.Item key={`${e.field}-${e.message}`}>
          {t('backoffice.onboard.refusedValue', { field: e.field, message: e.message })}
        </List.Item>
      ))}
    </List>
  );
}
