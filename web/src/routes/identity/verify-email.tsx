import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { resendVerification, verifyEmail } from '../../api/identity';
import { AccountProblemAlert } from '../../components/identity/AccountProblemAlert';
import { ResendLink } from '../../components/identity/ResendLink';
import { AnchorLink } from '../../components/links';
import { PublicLayout } from '../../components/PublicLayout';
import { usePageTitle } from '../../lib/usePageTitle';

/** A fresh confirmation link to the same address; the old one stops working. */
function ResendVerification({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <ResendLink
      send={() => resendVerification(token)}
      label={t('identity.verify.resend')}
      sentMessage={(email) => t('identity.verify.resent', { email })}
    />
  );
}

/**
 * R-ID-3: confirm an address with the mailed link (/verify-email?token=…). The link is consumed
 * only by pressing the button, never on load, so mail scanners that open links do not use it up.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.verify.title'));
  const { token } = useSearch({ from: '/verify-email' });
  const verify = useMutation({ mutationFn: () => verifyEmail(token) });
  const code = problemCode(verify.error);

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('identity.verify.title')}</Title>
        {!token && (
          <Alert color="red" variant="outline" role="alert" title={t('identity.verify.invalidTitle')}>
            {t('identity.verify.invalid')}
          </Alert>
        )}
        {verify.isSuccess && (
          <Alert color="teal.9" variant="outline" role="status" title={t('identity.verify.doneTitle')}>
            <Stack gap="xs">
              <Text>{t('identity.verify.done', { address: verify.data.address, email: verify.data.email })}</Text>
              <Text>{t('identity.verify.activated', { count: verify.data.activatedGrants })}</Text>
              <AnchorLink to="/sign-in" search={{ redirect: '/licenses/relationship-summary' }}>
                {t('identity.verify.signIn')}
              </AnchorLink>
            </Stack>
          </Alert>
        )}
        {verify.isError && (
          <AccountProblemAlert error={verify.error}>
            {code === 'VERIFICATION_EXPIRED' && <ResendVerification token={token} />}
            {code === 'NOT_FOUND' && <Text size="sm">{t('identity.verify.invalid')}</Text>}
          </AccountProblemAlert>
        )}
        {token && !verify.isSuccess && code !== 'VERIFICATION_EXPIRED' && code !== 'VERIFICATION_USED' && (
          <Paper withBorder p="lg">
            <Stack align="flex-start">
              <Text>{t('identity.verify.intro')}</Text>
              <Button onClick={() => verify.mutate()} loading={verify.isPending}>
                {t('identity.verify.submit')}
              </Button>
            </Stack>
          </Paper>
        )}
      </Stack>
    </PublicLayout>
  );
}
