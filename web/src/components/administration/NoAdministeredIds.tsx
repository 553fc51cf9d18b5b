import { EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from './links';

/** R-PERM-12: administration pages show only Licensing IDs the user administers; here there are none. */
export function NoAdministeredIds() {
  const { t } = useTranslation();
  return (
    <EmptyState data-state="no-access">
      <EmptyState.Title order={2}>{t('administration.noAdmin.title')}</EmptyState.Title>
      <EmptyState.Description>
        {t('administration.noAdmin.description')}{' '}
        <AnchorLink to="/administration/request-permissions">{t('administration.noAdmin.request')}</AnchorLink>
      </EmptyState.Description>
    </EmptyState>
  );
}
