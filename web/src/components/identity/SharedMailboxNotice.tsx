import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The warning that an address looks like a shared mailbox (SHARED_MAILBOX), with what it means here. */
export function SharedMailboxNotice({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="dark" variant="outline" title={t('identity.sharedMailbox.title')}>
      {children}
    </Alert>
  );
}
