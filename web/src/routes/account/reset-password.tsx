import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkResetLink, resetPassword } from '../../api/account';
import { problemCode } from '../../api/client';
import { meQueryKey } from '../../api/queries';
import { AccountProblemAlert } from '../../components/identity/AccountProblemAlert';
import { formatDateTime } from '../../components/identity/format';
import { PasswordFields, passwordErrors } from '../../components/identity/PasswordFields';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { PublicLayout } from '../../components/PublicLayout';
import { usePageTitle } from '../../lib/usePageTitle';

const LINK_PROBLEMS = new Set(['RESET_LINK_INVALID', 'RESET_LINK_EXPIRED', 'RESET_LINK_USED']);

function RequestAgain() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/forgot-password" size="sm" w="fit-content">
      {t('account.reset.requestAgain')}
    </AnchorLink>
  );
}

/** The new password and its confirmation; the account's address is shown (and offered to password managers). */
function ResetForm({ token, email, expiresAt }: { token: string; email: string; expiresAt: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [passwords, setPasswords] = useState({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const reset = useMutation({
    mutationFn: () => resetPassword(token, passwords.password),
    // Any session of this browser has ended with the others.
    onSuccess: () => queryClient.setQueryData(meQueryKey, null),
  });

  if (reset.isSuccess) {
    return (
      <Alert color="teal.9" variant="outline" role="status" title={t('account.reset.doneTitle')}>
        <Stack gap="xs">
          <Text size="sm">{t('account.reset.done', { email: reset.data.email })}</Text>
          <AnchorLink to="/sign-in" size="sm" w="fit-content">
            {t('account.reset.signIn')}
          </AnchorLink>
        </Stack>
      </Alert>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = passwordErrors(passwords, t);
    setErrors(next);
    if (!next.password && !next.confirm) reset.mutate();
  };
  return (
    <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
      <Stack>
        <Text>{t('account.reset.intro', { time: formatDateTime(expiresAt, i18n.language) })}</Text>
        {reset.isError && (
          <AccountProblemAlert error={reset.error} signInLink={false}>
            {LINK_PROBLEMS.has(problemCode(reset.error) ?? '') && <RequestAgain />}
          </AccountProblemAlert>
        )}
        <TextInput label={t('account.reset.email')} name="username" autoComplete="username" value={email} readOnly />
        <PasswordFields value={passwords} onChange={setPasswords} errors={errors} />
        <Button type="submit" loading={reset.isPending}>
          {t('account.reset.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

/**
 * Opened from the mailed link (/reset-password?token=…). Opening it checks the link and uses
 * nothing up, so mail scanners that follow links do not spend it; only the form's submit does.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.reset.title'));
  const { token } = useSearch({ from: '/reset-password' });
  const link = useQuery({
    queryKey: ['reset-link', token],
    queryFn: () => checkResetLink(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('account.reset.title')}</Title>
        {!token && (
          <Alert color="red" variant="outline" role="alert">
            <Stack gap="xs">
              <Text size="sm">{t('account.reset.missing')}</Text>
              <RequestAgain />
            </Stack>
          </Alert>
        )}
        {token && link.isPending && <Loading />}
        {link.isError && (
          <AccountProblemAlert error={link.error}>
            {problemCode(link.error) === 'RESET_LINK_USED' && (
              <AnchorLink to="/sign-in" size="sm" w="fit-content">
                {t('account.reset.signIn')}
              </AnchorLink>
            )}
            <RequestAgain />
          </AccountProblemAlert>
        )}
        {link.isSuccess && <ResetForm token={token} email={link.data.email} expiresAt={link.data.expiresAt} />}
      </Stack>
    </PublicLayout>
  );
}
