import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errorMessage';
import { countryName } from './countries';

/** A member of the problem body beyond the standard ones (workAccount, minLength, country). */
export function problemExtra(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const value = (error.problem as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export const problemCode = (error: unknown): string | undefined => (error instanceof ApiError ? error.code : undefined);

/** The sign-in and sign-up codes of the service-center FAQ (R-ID-4) are quoted so users can look them up. */
const FAQ_CODE = /^E0\d$/;
const SIGN_IN_INSTEAD = new Set(['ACCOUNT_EXISTS', 'E06', 'INVITATION_USED', 'VERIFICATION_USED']);

/**
 * An API refusal as its translated help text, with what the problem body adds: the work account
 * to use (E06), the password length (WEAK_PASSWORD), the fixed country (COUNTRY_FIXED), and a way
 * on where there is one.
 */
export function ProblemAlert({ error, children, signInLink = true }: { error: unknown; children?: ReactNode; signInLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const code = problemCode(error) ?? '';
  const workAccount = problemExtra(error, 'workAccount');
  const minLength = problemExtra(error, 'minLength');
  const country = problemExtra(error, 'country');
  return (
    <Alert color="red" variant="outline" title={t('errors.heading')} role="alert" data-code={code || undefined}>
      <Stack gap="xs">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {code === 'E06' && workAccount && (
          <Text size="sm" fw={700}>
            {t('identity.problem.workAccount', { account: workAccount })}
          </Text>
        )}
        {code === 'WEAK_PASSWORD' && minLength && <Text size="sm">{t('identity.problem.minLength', { count: Number(minLength) })}</Text>}
        {code === 'COUNTRY_FIXED' && country && (
          <Text size="sm">{t('identity.problem.fixedCountry', { country: countryName(country, i18n.language) })}</Text>
        )}
        {FAQ_CODE.test(code) && <Text size="xs">{t('identity.problem.code', { code })}</Text>}
        {signInLink && SIGN_IN_INSTEAD.has(code) && (
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('identity.problem.signIn')}
          </Anchor>
        )}
        {children}
      </Stack>
    </Alert>
  );
}
