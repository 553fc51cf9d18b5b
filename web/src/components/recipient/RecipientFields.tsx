import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailProblem } from '../../lib/email';
import { EmailField } from '../EmailField';

/** Someone the customer names to receive something by mail: a voucher, a benefit, a subscription. */
export type Recipient = { name: string; email: string; locale: 'en' | 'sv' };
type Errors = { name?: string; email?: string };

const EMPTY: Recipient = { name: '', email: '', locale: 'en' };

/**
 * A recipient's name, work address and the language of their mails. `texts` is the i18n prefix of
 * the area's wording (name, email, emailHint, language, languages.en/sv and the three problems):
 * the same fields say "employee" for a voucher and "person" for a subscription.
 */
export function useRecipient(texts: string, initial: Recipient = EMPTY) {
  const { t } = useTranslation();
  const [recipient, setRecipient] = useState<Recipient>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const check = (): boolean => {
    const found: Errors = {
      name: recipient.name.trim() ? undefined : t(`${texts}.nameRequired`),
      email: emailProblem(recipient.email.trim(), {
        required: t(`${texts}.emailRequired`),
        invalid: t(`${texts}.emailInvalid`),
      }),
    };
    setErrors(found);
    return !found.name && !found.email;
  };
  const body = (): Recipient => ({ name: recipient.name.trim(), email: recipient.email.trim(), locale: recipient.locale });
  const reset = () => setRecipient(EMPTY);
  return { texts, recipient, setRecipient, errors, check, body, reset };
}

export function RecipientFields({ state, nameField = 'name' }: { state: ReturnType<typeof useRecipient>; nameField?: string }) {
  const { t } = useTranslation();
  const { texts, recipient, setRecipient, errors } = state;
  return (
    <>
      <TextInput
        label={t(`${texts}.name`)}
        name={nameField}
        autoComplete="off"
        required
        value={recipient.name}
        error={errors.name}
        onChange={(e) => setRecipient({ ...recipient, name: e.currentTarget.value })}
      />
      <EmailField
        label={t(`${texts}.email`)}
        description={t(`${texts}.emailHint`)}
        autoComplete="off"
        value={recipient.email}
        error={errors.email}
        onChange={(email) => setRecipient({ ...recipient, email })}
      />
      <NativeSelect
        label={t(`${texts}.language`)}
        name="locale"
        value={recipient.locale}
        onChange={(e) => setRecipient({ ...recipient, locale: e.currentTarget.value === 'sv' ? 'sv' : 'en' })}
        data={[
          { value: 'en', label: t(`${texts}.languages.en`) },
          { value: 'sv', label: t(`${texts}.languages.sv`) },
        ]}
      />
    </>
  );
}
