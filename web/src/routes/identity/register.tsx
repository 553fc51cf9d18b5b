import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationInfo, register, resendInvitation } from '../../api/identity';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-ID-2, R-ID-3: register a work account from an invitation link. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.register.title'));
  const { token } = useSearch({ from: '/register' });
  const info = useQuery({ queryKey: ['invitation', token], queryFn: () => invitationInfo(token), enabled: token.length > 0, retry: false });
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      register({ token, firstName: firstName.trim(), lastName: lastName.trim(), password, email: email.trim() || undefined }),
  });
  const resend = useMutation({ mutationFn: () => resendInvitation(token) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const incomplete = !firstName.trim() || !lastName.trim() || !password;
    setMissing(incomplete);
    if (!incomplete) submit.mutate();
  };
  const invitation = info.data;

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('identity.register.title')}</Title>
        {info.isPending && token && <Loading />}
        {(info.isError || !token) && <ErrorAlert error={info.error ?? new Error('NOT_FOUND')} />}
        {invitation && (
          <Text>
            {t('identity.register.invited', {
              email: invitation.email,
              organization: invitation.organization.name,
              inviter: invitation.invitedBy?.name ?? invitation.organization.name,
            })}
          </Text>
        )}
        {invitation && invitation.status !== 'valid' && !submit.isSuccess && (
          <Alert color="dark" variant="outline" role="status">
            <Stack gap="xs">
              <Text>{t(`identity.register.status.${invitation.status}`)}</Text>
              {invitation.status !== 'used' && (
                <Button variant="outline" onClick={() => resend.mutate()} loading={resend.isPending}>
                  {t('identity.register.resend')}
                </Button>
              )}
              {resend.isSuccess && <Text>{t('identity.register.resent', { email: resend.data.sentTo })}</Text>}
            </Stack>
          </Alert>
        )}
        {submit.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            <Stack gap="xs">
              <Text>
                {submit.data.pendingVerification
                  ? t('identity.register.pending', { email: submit.data.verificationSentTo ?? '' })
                  : t('identity.register.done')}
              </Text>
              <Anchor component={Link} to="/sign-in">
                {t('identity.register.signIn')}
              </Anchor>
            </Stack>
          </Alert>
        )}
        {submit.isError && <ErrorAlert error={submit.error} />}
        {invitation?.status === 'valid' && !submit.isSuccess && (
          <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
            <Stack>
              {missing && (
                <Text c="red.9" size="sm" role="alert">
                  {t('identity.register.incomplete')}
                </Text>
              )}
              <TextInput
                label={t('identity.register.firstName')}
                required
                value={firstName}
                onChange={(e) => setFirstName(e.currentTarget.value)}
              />
              <TextInput
                label={t('identity.register.lastName')}
                required
                value={lastName}
                onChange={(e) => setLastName(e.currentTarget.value)}
              />
              <PasswordInput
                label={t('identity.register.password')}
                description={t('identity.register.passwordHelp')}
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <TextInput
                label={t('identity.register.otherEmail')}
                description={t('identity.register.otherEmailHelp')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <Button type="submit" loading={submit.isPending}>
                {t('identity.register.submit')}
              </Button>
            </Stack>
          </Paper>
        )}
      </Stack>
    </PublicLayout>
  );
}
