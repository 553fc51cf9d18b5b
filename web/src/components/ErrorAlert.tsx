import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../api/client';
import { errorMessage } from '../lib/errorMessage';
import { ContactSupportLink } from './support/ContactSupportLink';

/** Codes whose message tells the user to contact support: the alert links to the contact form (R-SUP-1). */
const CONTACT_SUPPORT = new Set(['COUNTRY_FIXED']);

/**
 * Shows an API error as its translated code message (the code in `data-code`). `children`: what a
 * page adds under the message (a way on, a detail of the problem); where a page may add something,
 * the message is a paragraph above it even when there is nothing to add this time.
 */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  const code = problemCode(error);
  const contact = code !== undefined && CONTACT_SUPPORT.has(code);
  return (
    <Alert color="red" variant="outline" title={t('errors.heading')} role="alert" data-code={code || undefined}>
      {children === undefined && !contact ? (
        errorMessage(t, error)
      ) : (
        <Stack gap="xs">
          <Text size="sm">{errorMessage(t, error)}</Text>
          {children}
          {contact && <ContactSupportLink />}
        </Stack>
      )}
    </Alert>
  );
}
