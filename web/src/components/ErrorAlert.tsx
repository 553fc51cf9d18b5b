import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../api/client';
import { errorMessage } from '../lib/errorMessage';

/**
 * Shows an API error as its translated code message (the code in `data-code`). `children`: what a
 * page adds under the message (a way on, a detail of the problem); where a page may add something,
 * the message is a paragraph above it even when there is nothing to add this time.
 */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" title={t('errors.heading')} role="alert" data-code={problemCode(error) || undefined}>
      {children === undefined ? (
        errorMessage(t, error)
      ) : (
        <Stack gap="xs">
          <Text size="sm">{errorMessage(t, error)}</Text>
          {children}
        </Stack>
      )}
    </Alert>
  );
}
