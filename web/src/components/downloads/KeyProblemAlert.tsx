import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { AnchorLink } from '../links';

/** Refusals that a key request can lift (R-KEY-3 → R-PERM-13). */
const REQUESTABLE = new Set(['MAK_LIMIT_REACHED', 'KMS_HOST_LIMIT_REACHED']);

/**
 * An API error on a Downloads and Keys page; when a key ran out of activations or hosts, it also
 * says how to ask for more, with a link to the key request form.
 */
export function KeyProblemAlert({ error, keyId }: { error: unknown; keyId?: string }) {
  const { t } = useTranslation();
  return (
    <ErrorAlert error={error}>
      {REQUESTABLE.has(problemCode(error) ?? '') && (
        <AnchorLink to="/downloads/key-requests/new" search={{ keyId }} size="sm">
          {t('downloads.requests.askForMore')}
        </AnchorLink>
      )}
    </ErrorAlert>
  );
}
