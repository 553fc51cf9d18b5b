import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode, problemDetail } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { AnchorLink } from '../links';
import { countryName } from './countries';

/** The sign-in and sign-up codes of the service-center FAQ (R-ID-4) are quoted so users can look them up. */
const FAQ_CODE = /^E0\d$/;
const SIGN_IN_INSTEAD = new Set(['ACCOUNT_EXISTS', 'E06', 'INVITATION_USED', 'VERIFICATION_USED']);

/**
 * A refusal of signing in, signing up or registering an account, as its translated help text with
 * what the problem body adds: the work account to use (E06), the password length (WEAK_PASSWORD),
 * the fixed country (COUNTRY_FIXED), and a way on where there is one.
 */
export function AccountProblemAlert({
  error,
  children,
  signInLink = true,
}: {
  error: unknown;
  children?: ReactNode;
  signInLink?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const code = problemCode(error) ?? '';
  const workAccount = problemDetail<string>(error, 'workAccount');
  const minLength = problemDetail<number>(error, 'minLength');
  const country = problemDetail<string>(error, 'country');
  return (
    <ErrorAlert error={error}>
      {code === 'E06' && workAccount && (
        <Text size="sm" fw={700}>
          {t('identity.problem.workAccount', { account: workAccount })}
        </Text>
      )}
      {code === 'WEAK_PASSWORD' && minLength !== undefined && (
        <Text size="sm">{t('identity.problem.minLength', { count: Number(minLength) })}</Text>
      )}
      {code === 'COUNTRY_FIXED' && country && (
        <Text size="sm">{t('identity.problem.fixedCountry', { country: countryName(country, i18n.language) })}</Text>
      )}
      {FAQ_CODE.test(code) && <Text size="xs">{t('identity.problem.code', { code })}</Text>}
      {signInLink && SIGN_IN_INSTEAD.has(code) && (
        <AnchorLink to="/sign-in" size="sm">
          {t('identity.problem.signIn')}
        </AnchorLink>
      )}
      {children}
    </ErrorAlert>
  );
}
