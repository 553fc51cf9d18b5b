import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemCode, problemDetail } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { RetryAfterNote } from './RetryAfterNote';
import { PasskeyCeremonyError } from './webauthn';

/** An API refusal (with when to try again) or a passkey the browser did not produce, as one alert. */
export function SecurityError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof PasskeyCeremonyError) {
    return (
      <Alert color="red" variant="outline" title={t('errors.heading')} role="alert" data-code={`PASSKEY_${error.reason.toUpperCase()}`}>
        {t(`security.passkeys.${error.reason}`)}
      </Alert>
    );
  }
  if (problemCode(error) === 'RATE_LIMITED') {
    return (
      <ErrorAlert error={error}>
        <RetryAfterNote seconds={problemDetail<number>(error, 'retryAfterSeconds')} />
      </ErrorAlert>
    );
  }
  return <ErrorAlert error={error} />;
}
