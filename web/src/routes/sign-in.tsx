import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter, useRouterState, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQueryKey, signIn } from '../api/queries';
import { EmailField } from '../components/EmailField';
import { AccountProblemAlert } from '../components/identity/AccountProblemAlert';
import { callbackError, SsoSignIn } from '../components/identity/SsoSignIn';
import { PublicLayout } from '../components/PublicLayout';
import { setLocale } from '../i18n';
import { emailProblem } from '../lib/email';
import { usePageTitle } from '../lib/usePageTitle';

/** Only same-origin paths are followed after sign-in. */
function safeTarget(redirect: string | undefined): string {
  return redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { redirect, signedOut } = useSearch({ from: '/sign-in' });
  // ?error=<CODE>: the single sign-on callback's refusal (see SsoSignIn).
  const ssoError = callbackError(useRouterState({ select: (state) => (state.location.search as Record<string, unknown>).error }));
  const router = useRouter();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});

  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: async (user) => {
      queryClient.setQueryData(meQueryKey, user);
      await setLocale(user.locale);
      router.history.push(safeTarget(redirect));
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      email: emailProblem(email.trim(), { required: t('signIn.emailRequired'), invalid: t('signIn.emailInvalid') }),
      password: password ? undefined : t('signIn.passwordRequired'),
    };
    setErrors(next);
    if (!next.email && !next.password) mutation.mutate();
  };

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('signIn.title')}</Title>
        <Text>{t('signIn.intro')}</Text>
        {signedOut && !mutation.isPending && (
          <Alert color="blue" variant="outline" role="status">
            {t('signIn.signedOut')}
          </Alert>
        )}
        {ssoError && !mutation.isPending && !mutation.isError && <AccountProblemAlert error={ssoError} signInLink={false} />}
        {mutation.isError && <AccountProblemAlert error={mutation.error} signInLink={false} />}
        <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
          <Stack>
            <EmailField
              label={t('signIn.email')}
              description={t('signIn.emailHelp')}
              autoComplete="username"
              value={email}
              error={errors.email}
              onChange={setEmail}
            />
            <PasswordInput
              label={t('signIn.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              error={errors.password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={mutation.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </Paper>
        <SsoSignIn returnTo={safeTarget(redirect)} />
      </Stack>
    </PublicLayout>
  );
}
