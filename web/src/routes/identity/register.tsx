import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, problemCode } from '../../api/client';
import { type InvitationInfo, invitationQuery, register, resendInvitation, signInWithPassword } from '../../api/identity';
import { meQueryKey } from '../../api/queries';
import { EmailField } from '../../components/EmailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AccountProblemAlert } from '../../components/identity/AccountProblemAlert';
import { formatDay } from '../../components/identity/format';
import { PasswordFields, passwordErrors } from '../../components/identity/PasswordFields';
import { ResendLink } from '../../components/identity/ResendLink';
import { SharedMailboxNotice } from '../../components/identity/SharedMailboxNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { NameFields, type PersonName } from '../../components/NameFields';
import { PublicLayout } from '../../components/PublicLayout';
import { statusBadge } from '../../components/StatusBadge';
import { currentLocale, setLocale } from '../../i18n';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';

const InvitationStatusBadge = statusBadge<InvitationInfo['status']>(
  { valid: 'teal.9', expired: 'red.9', replaced: 'gray.7', used: 'gray.7' },
  'identity.register.statusBadge',
);

/** R-ID-2: a fresh link to the invited address, for an expired or replaced one. */
function ResendInvitation({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <ResendLink
      send={() => resendInvitation(token)}
      label={t('identity.register.resend')}
      sentMessage={(email) => t('identity.register.resent', { email })}
    />
  );
}

/** After registering: either wait for the confirmation link (R-ID-3) or continue signed in. */
function Registered({
  email,
  password,
  pendingVerification,
  verificationSentTo,
  sharedMailbox,
}: {
  email: string;
  password: string;
  pendingVerification: boolean;
  verificationSentTo: string | null;
  sharedMailbox: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const continueSignedIn = useMutation({
    mutationFn: () => signInWithPassword(email, password),
    onSuccess: async (answer) => {
      // The organization requires a second factor: the sign-in page sets it up (the step travels in history state).
      if (!('user' in answer)) {
        await navigate({
          to: '/sign-in',
          search: { redirect: '/licenses/relationship-summary' },
          state: { secondStep: answer.secondStep },
        });
        return;
      }
      queryClient.setQueryData(meQueryKey, answer.user);
      await setLocale(answer.user.locale);
      await navigate({ to: '/licenses/relationship-summary', search: { status: 'active' } });
    },
  });
  return (
    <Stack gap="md">
      <Alert color="teal.9" variant="outline" role="status" title={t('identity.register.successTitle')}>
        <Text>
          {pendingVerification
            ? t('identity.register.pending', { email: verificationSentTo ?? '', account: email })
            : t('identity.register.done')}
        </Text>
      </Alert>
      {sharedMailbox && <SharedMailboxNotice>{t('identity.sharedMailbox.registered', { email })}</SharedMailboxNotice>}
      {continueSignedIn.isError && <ErrorAlert error={continueSignedIn.error} />}
      <Group>
        <Button onClick={() => continueSignedIn.mutate()} loading={continueSignedIn.isPending}>
          {pendingVerification ? t('identity.register.signInNow') : t('identity.register.continue')}
        </Button>
        <AnchorLink to="/sign-in">{t('identity.register.signIn')}</AnchorLink>
      </Group>
    </Stack>
  );
}

/** R-ID-2, R-ID-3: the registration form for a valid invitation, prefilled with the invited name. */
function RegisterForm({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const { t } = useTranslation();
  const [name, setName] = useState<PersonName>({ firstName: invitation.firstName, lastName: invitation.lastName });
  const [passwords, setPasswords] = useState({ password: '', confirm: '' });
  const [otherAddress, setOtherAddress] = useState(false);
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<{ firstName?: string; lastName?: string; password?: string; confirm?: string; email?: string }>({});
  const submit = useMutation({
    mutationFn: () =>
      register({
        token,
        firstName: name.firstName.trim(),
        lastName: name.lastName.trim(),
        password: passwords.password,
        email: otherAddress && email.trim() ? email.trim() : undefined,
        locale: currentLocale(),
      }),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const next = {
      firstName: name.firstName.trim() ? undefined : t('identity.form.firstNameRequired'),
      lastName: name.lastName.trim() ? undefined : t('identity.form.lastNameRequired'),
      ...passwordErrors(passwords, t),
      email: otherAddress
        ? emailProblem(address, { required: t('identity.form.emailRequired'), invalid: t('identity.form.emailInvalid') })
        : undefined,
    };
    setErrors(next);
    if (!Object.values(next).some(Boolean)) submit.mutate();
  };

  if (submit.isSuccess) {
    return (
      <Registered
        email={submit.data.email}
        password={passwords.password}
        pendingVerification={submit.data.pendingVerification}
        verificationSentTo={submit.data.verificationSentTo}
        sharedMailbox={submit.data.warnings.includes('SHARED_MAILBOX')}
      />
    );
  }

  const code = problemCode(submit.error);
  return (
    <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} aria-labelledby="register-form-heading">
      <Stack>
        <Title order={2} size="h3" id="register-form-heading">
          {t('identity.register.formHeading')}
        </Title>
        {submit.isError && (
          <AccountProblemAlert error={submit.error}>
            {code === 'INVITATION_EXPIRED' && <ResendInvitation token={token} />}
          </AccountProblemAlert>
        )}
        <NameFields value={name} onChange={setName} errors={errors} />
        <PasswordFields value={passwords} onChange={setPasswords} errors={{ password: errors.password, confirm: errors.confirm }} />
        <Checkbox
          label={t('identity.register.otherAddress')}
          description={t('identity.register.otherAddressHelp', { email: invitation.email })}
          checked={otherAddress}
          onChange={(e) => setOtherAddress(e.currentTarget.checked)}
        />
        {otherAddress && (
          <EmailField
            label={t('identity.register.otherEmail')}
            description={t('identity.register.otherEmailHelp', { email: invitation.email })}
            autoComplete="email"
            value={email}
            error={errors.email}
            onChange={setEmail}
          />
        )}
        <Button type="submit" loading={submit.isPending}>
          {t('identity.register.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-ID-2, R-ID-3, R-ID-5: register a work account from an invitation link (/register?token=…). */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('identity.register.title'));
  const { token } = useSearch({ from: '/register' });
  const info = useQuery(invitationQuery(token));
  const invitation = info.data;
  const notFound = !token || (info.error instanceof ApiError && info.error.status === 404);

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('identity.register.title')}</Title>
        {token && info.isPending && <Loading />}
        {notFound && (
          <Alert color="red" variant="outline" role="alert" title={t('identity.register.invalidTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('identity.register.invalid')}</Text>
              <AnchorLink to="/sign-in" size="sm">
                {t('identity.register.signIn')}
              </AnchorLink>
            </Stack>
          </Alert>
        )}
        {info.isError && !notFound && <ErrorAlert error={info.error} />}
        {invitation && (
          <Paper withBorder p="md" component="section" aria-labelledby="invitation-heading">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Title order={2} size="h4" id="invitation-heading">
                  {t('identity.register.invitationHeading')}
                </Title>
                <InvitationStatusBadge status={invitation.status} />
              </Group>
              <Text>
                {t('identity.register.invited', {
                  email: invitation.email,
                  organization: invitation.organization.name,
                  inviter: invitation.invitedBy?.name ?? invitation.organization.name,
                })}
              </Text>
              {invitation.status === 'valid' && (
                <Text size="sm">{t('identity.register.validUntil', { date: formatDay(invitation.expiresAt, i18n.language) })}</Text>
              )}
            </Stack>
          </Paper>
        )}
        {invitation?.warnings?.includes('SHARED_MAILBOX') && invitation.status === 'valid' && (
          <SharedMailboxNotice>{t('identity.sharedMailbox.invited', { email: invitation.email })}</SharedMailboxNotice>
        )}
        {invitation && invitation.status !== 'valid' && (
          <Alert color="dark" variant="outline" role="status">
            <Stack gap="xs">
              <Text>{t(`identity.register.status.${invitation.status}`)}</Text>
              {invitation.status === 'used' ? (
                <AnchorLink to="/sign-in">{t('identity.register.signIn')}</AnchorLink>
              ) : (
                <ResendInvitation token={token} />
              )}
            </Stack>
          </Alert>
        )}
        {invitation?.status === 'valid' && <RegisterForm token={token} invitation={invitation} />}
      </Stack>
    </PublicLayout>
  );
}
