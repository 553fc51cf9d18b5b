import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errorMessage';
import { AnchorLink } from './links';

/** Refusals that a key request can lift (R-KEY-3 → R-PERM-13). */
const REQUESTABLE = new Set(['MAK_LIMIT_REACHED', 'KMS_HOST_LIMIT_REACHED']);

/**
 * The translated message of an API error; when a key ran out of activations or hosts, it also says
 * how to ask for more, with a link to the key request form.
 */
export function ProblemAlert({ error, keyId }: { error: unknown; keyId?: string }) {
  const { t } = useTranslation();
  const requestable = error instanceof ApiError && REQUESTABLE.has(error.code);
  return (
    <Alert color="red" variant="outline" title={t('errors.heading')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {requestable && (
          <AnchorLink to="/downloads/key-requests/new" search={{ keyId }} size="sm">
            {t('downloads.requests.askForMore')}
          </AnchorLink>
        )}
      </Stack>
    </Alert>
  );
}
