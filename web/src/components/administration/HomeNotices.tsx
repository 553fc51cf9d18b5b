import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requestsQuery } from '../../api/administration';
import { AnchorLink } from '../links';
import { SoleAdministratorWarning } from './SoleAdministratorWarning';
import { useAdministered } from './useAdministered';

/**
 * On the home page: pending permission requests waiting for this Administrator (R-PERM-6) and the
 * sole-Administrator warning (R-PERM-3).
 */
export function AdministrationHomeNotices() {
  const { t } = useTranslation();
  const administered = useAdministered();
  const isAdmin = administered.ids.length > 0;
  const pending = useQuery({ ...requestsQuery(false, 'PENDING'), enabled: isAdmin });
  const sole = administered.ids.filter((p) => p.soleAdministrator);
  const count = pending.data?.length ?? 0;
  if (count === 0 && sole.length === 0) return null;
  return (
    <Stack gap="sm">
      {count > 0 && (
        <Alert color="blue.9" variant="outline" title={t('administration.home.pendingTitle')} data-notice="pending-requests">
          <Text size="sm">{t('administration.home.pending', { count })}</Text>
          <AnchorLink to="/administration/requests" size="sm">
            {t('administration.home.review')}
          </AnchorLink>
        </Alert>
      )}
      <SoleAdministratorWarning items={administered.ids} data-notice="sole-administrator" />
    </Stack>
  );
}
