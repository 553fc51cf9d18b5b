import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signUp } from '../../api/identity';
import { browserRegion, countryOptions } from '../../components/identity/countries';
import { PasswordFields, passwordErrors } from '../../components/identity/PasswordFields';
import { ProblemAlert } from '../../components/identity/ProblemAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { currentLocale } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = 'email' | 'firstName' | 'lastName' | 'password' | 'confirm' | 'country';

/**
 * R-ID-4: self sign-up with a work address. The account starts without permissions; every refusal
 * (E02, E03, E04, E06, PERSONAL_ACCOUNT, ACCOUNT_EXISTS, COUNTRY_FIXED, WEAK_PASSWORD) is explained.
 * R-ID-7: the first sign-up of an organization fixes its country.
 */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('identity.signUp.title'));
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [passwords, setPasswords] = useState({ password: '', confirm: '' });
  const [country, setCountry] = useState(browserRegion);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  const submit = useMutation({
    mutationFn: () =>
      signUp({
        email: email.trim(),
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        password: passwords.password,
        country,
        locale: currentLocale(),
      }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const next: Partial<Record<Field, string>> = {
      email: !address ? t('identity.form.emailRequired') : EMAIL_PATTERN.test(address) ? undefined : t('identity.form.emailInvalid'),
      firstName: firstName.trim() ? undefined : t('identity.form.firstNameRequired'),
      lastName: lastName.trim() ? undefined : t('identity.form.lastNameRequired'),
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
              <Alert color="dark" variant="outline" title={t('identity.sharedMailbox.title')}>
                {t('identity.sharedMailbox.registered', { email: submit.data.email })}
              </Alert>
            )}
            <Group>
              <Button component={Link} to="/administration/request-permissions">
                {t('identity.signUp.requestPermissions')}
              </Button>
              <Anchor component={Link} to="/sign-in">
                {t('identity.signUp.signIn')}
              </Anchor>
            </Group>
          </Stack>
        ) : (
          <>
            <Text>{t('identity.signUp.intro')}</Text>
            <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} aria-label={t('identity.signUp.title')}>
              <Stack>
                {submit.isError && <ProblemAlert error={submit.error} />}
                <TextInput
                  label={t('identity.signUp.email')}
                  description={t('identity.signUp.emailHelp')}
                  type="email"
                  name="email"
                  autoComplete="email"
                  required
                  value={email}
                  error={errors.email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
                <TextInput
                  label={t('identity.form.firstName')}
                  name="firstName"
                  autoComplete="given-name"
                  required
                  value={firstName}
                  error={errors.firstName}
                  onChange={(e) => setFirstName(e.currentTarget.value)}
                />
                <TextInput
                  label={t('identity.form.lastName')}
                  name="lastName"
                  autoComplete="family-name"
                  required
                  value={lastName}
                  error={errors.lastName}
                  onChange={(e) => setLastName(e.currentTarget.value)}
                />
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
              {t('identity.signUp.haveAccount')}{' '}
              <Anchor component={Link} to="/sign-in">
                {t('identity.signUp.signIn')}
              </Anchor>
            </Text>
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
