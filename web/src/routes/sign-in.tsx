import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter, useRouterState, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode, problemDetail } from '../api/client';
import { type SecondStep, signInWithPassword } from '../api/identity';
import { meQueryKey } from '../api/queries';
import type { Me } from '../api/types';
import { ForgotPasswordLink } from '../components/account/ForgotPasswordLink';
import { EmailField } from '../components/EmailField';
import { AccountProblemAlert } from '../components/identity/AccountProblemAlert';
import { callbackError, SsoSignIn } from '../components/identity/SsoSignIn';
import { PublicLayout } from '../components/PublicLayout';
import { RetryAfterNote } from '../components/security/RetryAfterNote';
import { SecondStepEnrol } from '../components/security/SecondStepEnrol';
import { SecondStepVerify } from '../components/security/SecondStepVerify';
import '../components/security/pending-step';
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
  // After a right password, a user with a second factor (or whose organization requires one) gets
  // a second step instead of a session; registration may hand one over in the history state.
  const handedStep = useRouterState({ select: (state) => state.location.state.secondStep });
  const [step, setStep] = useState<SecondStep | undefined>(handedStep);

  const signedIn = async (user: Me) => {
    queryClient.setQueryData(meQueryKey, user);
    await setLocale(user.locale);
    router.history.push(safeTarget(redirect));
  };
  const mutation = useMutation({
    mutationFn: () => signInWithPassword(email.trim(), password),
    onSuccess: async (answer) => {
      setPassword('');
      if ('user' in answer) await signedIn(answer.user);
      else setStep(answer.secondStep);
    },
  });
  const restart = () => {
    mutation.reset();
    setStep(undefined);
  };

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
        {step ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="second-step-heading">
            <Stack>
              <Title order={2} size="h3" id="second-step-heading">
                {step.purpose === 'enrol' ? t('security.signIn.enrolHeading') : t('security.signIn.heading')}
              </Title>
              {step.purpose === 'enrol' ? (
                <SecondStepEnrol step={step} onSignedIn={signedIn} onRestart={restart} />
              ) : (
                <SecondStepVerify step={step} onSignedIn={signedIn} onRestart={restart} />
              )}
            </Stack>
          </Paper>
        ) : (
          passwordStep()
        )}
      </Stack>
    </PublicLayout>
  );

  /** The first step: address and password (plain render function, so the inputs keep their state). */
  function passwordStep() {
    return (
      <>
        <Text>{t('signIn.intro')}</Text>
        {signedOut && !mutation.isPending && (
          <Alert color="blue" variant="outline" role="status">
            {t('signIn.signedOut')}
          </Alert>
        )}
        {ssoError && !mutation.isPending && !mutation.isError && <AccountProblemAlert error={ssoError} signInLink={false} />}
        {mutation.isError && (
          <AccountProblemAlert error={mutation.error} signInLink={false}>
            {problemCode(mutation.error) === 'RATE_LIMITED' && (
              <RetryAfterNote seconds={problemDetail<number>(mutation.error, 'retryAfterSeconds')} />
            )}
          </AccountProblemAlert>
        )}
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
            <ForgotPasswordLink />
            <Button type="submit" loading={mutation.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </Paper>
        <SsoSignIn returnTo={safeTarget(redirect)} />
      </>
    );
  }
}
