import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errorMessage';

/** Shows an API error as its translated code message. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" title={t('errors.heading')} role="alert">
      {errorMessage(t, error)}
    </Alert>
  );
}
