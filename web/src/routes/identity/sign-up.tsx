import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signUp } from '../../api/identity';
import { EmailField } from '../../components/EmailField';
import { AccountProblemAlert } from '../../components/identity/AccountProblemAlert';
import { browserRegion, countryOptions } from '../../components/identity/countries';
import { PasswordFields, passwordErrors } from '../../components/identity/PasswordFields';
import { SharedMailboxNotice } from '../../components/identity/SharedMailboxNotice';
import { AnchorLink, ButtonLink } from '../../components/links';
import { NameFields, type PersonName } from '../../components/NameFields';
import { PublicLayout } from '../../components/PublicLayout';
import { currentLocale } from '../../i18n';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';

type Field = 'email' | 'firstName' | 'lastName' | 'password' | 'confirm' | 'country';

/**
 * R-ID-4: self sign-up with a work address. The account starts without permissions and is usable
 * once the mailed link is followed; every refusal (E02, E03, E04, E06, PERSONAL_ACCOUNT,
 * COUNTRY_FIXED, WEAK_PASSWORD) is explained. An address that already has an account gets the same
 * answer (the owner is mailed instead), so the page says "check your inbox" either way.
 * R-ID-7: the first sign-up of an organization fixes its country.
 */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('identity.signUp.title'));
  const [email, setEmail] = useState('');
  const [name, setName] = useState<PersonName>({ firstName: '', lastName: '' });
  const [passwords, setPasswords] = useState({ password: '', confirm: '' });
  const [country, setCountry] = useState(browserRegion);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  const submit = useMutation({
    mutationFn: () =>
      signUp({
        email: email.trim(),
        firstName: name.firstName.trim(),
        lastName: name.lastName.trim(),
        password: passwords.password,
        country,
        locale: currentLocale(),
      }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const next: Partial<Record<Field, string>> = {
      email: emailProblem(address, { required: t('identity.form.emailRequired'), invalid: t('identity.form.emailInvalid') }),
      firstName: name.firstName.trim() ? undefined : t('identity.form.firstNameRequired'),
      lastName: name.lastName.trim() ? undefined : t('identity.form.lastNameRequired'),
      ...passwordErrors(passwords, t),
      country: country ? undefined : t('identity.signUp.countryRequired'),
    };
    setErrors(next);
    if (!Object.values(next).some(Boolean)) submit.mutate();
  };

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('identity.signUp.title')}</Title>
        {submit.isSuccess ? (
          <Stack gap="md">
            <Alert color="teal.9" variant="outline" role="status" title={t('identity.signUp.doneTitle')}>
              <Stack gap="xs">
                <Text>{t('identity.signUp.done', { email: submit.data.email, organization: submit.data.organization.name })}</Text>
                <Text>{t('identity.signUp.noPermissions')}</Text>
              </Stack>
            </Alert>
            {submit.data.warnings.includes('SHARED_MAILBOX') && (
              <SharedMailboxNotice>{t('identity.sharedMailbox.registered', { email: submit.data.email })}</SharedMailboxNotice>
            )}
            <Group>
              <ButtonLink to="/sign-in">{t('identity.signUp.signIn')}</ButtonLink>
            </Group>
          </Stack>
        ) : (
          <>
            <Text>{t('identity.signUp.intro')}</Text>
            <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} aria-label={t('identity.signUp.title')}>
              <Stack>
                {submit.isError && <AccountProblemAlert error={submit.error} />}
                <EmailField
                  label={t('identity.signUp.email')}
                  description={t('identity.signUp.emailHelp')}
                  autoComplete="email"
                  value={email}
                  error={errors.email}
                  onChange={setEmail}
                />
                <NameFields value={name} onChange={setName} errors={errors} />
                <PasswordFields value={passwords} onChange={setPasswords} errors={{ password: errors.password, confirm: errors.confirm }} />
                <NativeSelect
                  label={t('identity.signUp.country')}
                  description={t('identity.signUp.countryHelp')}
                  name="country"
                  autoComplete="country"
                  required
                  value={country}
                  error={errors.country}
                  onChange={(e) => setCountry(e.currentTarget.value)}
                  data={[{ value: '', label: t('identity.signUp.countryChoose') }, ...countries]}
                />
                <Button type="submit" loading={submit.isPending}>
                  {t('identity.signUp.submit')}
                </Button>
              </Stack>
            </Paper>
            <Text size="sm">
              {t('identity.signUp.haveAccount')} <AnchorLink to="/sign-in">{t('identity.signUp.signIn')}</AnchorLink>
            </Text>
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
