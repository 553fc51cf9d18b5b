import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestPasswordReset } from '../../api/account';
import { EmailField } from '../../components/EmailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { PublicLayout } from '../../components/PublicLayout';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * "Forgot your password?": mails a single-use link to the owner of a password account. The page
 * says the same whatever the address, as the server answers the same; SSO accounts recover at
 * their organization's identity provider.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.forgot.title'));
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const request = useMutation({ mutationFn: (address: string) => requestPasswordReset(address) });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const problem = emailProblem(address, { required: t('account.forgot.emailRequired'), invalid: t('account.forgot.emailInvalid') });
    setError(problem);
    if (!problem) request.mutate(address);
  };

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('account.forgot.title')}</Title>
        {request.isSuccess ? (
          <Alert color="teal.9" variant="outline" role="status" title={t('account.forgot.sentTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('account.forgot.sent', { email: request.variables, minutes: request.data.expiresInMinutes })}</Text>
              <Text size="sm">{t('account.forgot.notArrived')}</Text>
            </Stack>
          </Alert>
        ) : (
          <>
            <Text>{t('account.forgot.intro')}</Text>
            {request.isError && <ErrorAlert error={request.error} />}
            <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
              <Stack>
                <EmailField
                  label={t('account.forgot.email')}
                  description={t('account.forgot.emailHelp')}
                  autoComplete="username"
                  value={email}
                  error={error}
                  onChange={setEmail}
                />
                <Button type="submit" loading={request.isPending}>
                  {t('account.forgot.submit')}
                </Button>
              </Stack>
            </Paper>
            <Text size="sm">{t('account.forgot.sso')}</Text>
          </>
        )}
        <AnchorLink to="/sign-in" w="fit-content">
          {t('account.forgot.back')}
        </AnchorLink>
      </Stack>
    </PublicLayout>
  );
}
