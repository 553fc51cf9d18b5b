import { Button, Divider, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/client';
import { ApiError } from '../../api/client';
import { ssoStartUrl } from '../../api/identity';
import { emailProblem } from '../../lib/email';
import { AnchorLink } from '../links';
import { AccountProblemAlert } from './AccountProblemAlert';

/** The codes the SSO callback sends back as /sign-in?error=<CODE>; anything else reads as SSO_FAILED. */
const CALLBACK_CODES = new Set([
  'E02',
  'E03',
  'E04',
  'USER_DEACTIVATED',
  'SSO_STATE_INVALID',
  'SSO_FAILED',
  'SSO_EMAIL_NOT_IN_ORGANIZATION',
  'SSO_SUBJECT_MISMATCH',
  'SSO_NOT_CONFIGURED',
  'OIDC_DISCOVERY_FAILED',
  'RATE_LIMITED',
]);

/** The refusal of an SSO sign-in that came back from the identity provider, as an error to show. */
export function callbackError(code: unknown): ApiError | null {
  if (typeof code !== 'string' || !code) return null;
  const known = CALLBACK_CODES.has(code) ? code : 'SSO_FAILED';
  return new ApiError({ code: known, status: 400, title: '' });
}

async function refusalOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
  if (body && typeof body.code === 'string') return new ApiError({ title: '', ...body, code: body.code, status: response.status });
  return new ApiError({ code: response.status === 0 ? 'NETWORK' : 'SSO_FAILED', status: response.status, title: '' });
}

/**
 * "Sign in with your organization's account": the browser goes to the organization's identity
 * provider through /api/v1/auth/sso/start. The start is asked first without following its redirect,
 * so a refusal (no SSO for this address, provider down) shows here translated; when it would
 * redirect, the browser navigates there for real.
 */
export function SsoSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  const start = async () => {
    const address = email.trim();
    const problem = emailProblem(address, { required: t('signIn.emailRequired'), invalid: t('signIn.emailInvalid') });
    setFieldError(problem);
    setRefusal(null);
    if (problem) return;
    const url = ssoStartUrl(address, returnTo);
    setPending(true);
    try {
      const response = await fetch(url, { redirect: 'manual', credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        window.location.assign(url);
        return;
      }
      setRefusal(await refusalOf(response));
    } catch {
      setRefusal(new ApiError({ code: 'NETWORK', status: 0, title: '' }));
    }
    setPending(false);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void start();
  };

  return (
    <Stack gap="md">
      <Divider label={t('identity.ssoSignIn.or')} labelPosition="center" />
      <Paper withBorder p="lg" component="section" aria-labelledby="sso-sign-in-heading">
        {/* The button is not a submit button: the password form stays the page's only one. */}
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Title order={2} size="h4" id="sso-sign-in-heading">
              {t('identity.ssoSignIn.heading')}
            </Title>
            <Text size="sm">{t('identity.ssoSignIn.intro')}</Text>
            {refusal && <AccountProblemAlert error={refusal} signInLink={false} />}
            <TextInput
              label={t('identity.ssoSignIn.email')}
              type="email"
              name="sso-email"
              autoComplete="email"
              required
              value={email}
              error={fieldError}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="button" variant="outline" onClick={() => void start()} loading={pending}>
              {t('identity.ssoSignIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm">
        {t('identity.ssoSignIn.noAccount')} <AnchorLink to="/sign-up">{t('identity.ssoSignIn.signUp')}</AnchorLink>
      </Text>
    </Stack>
  );
}
