import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../links';

/**
 * R-PERM-3: the sole Administrator of a Licensing ID is asked to add an alternate (nothing when the
 * user is sole Administrator of none of `items`). `data-*`: how the page's notice is found.
 */
export function SoleAdministratorWarning({
  items,
  ...data
}: { items: { number: string; soleAdministrator: boolean }[] } & { [name: `data-${string}`]: string }) {
  const { t } = useTranslation();
  const sole = items.filter((p) => p.soleAdministrator);
  if (sole.length === 0) return null;
  return (
    <Alert color="orange.9" variant="outline" title={t('administration.permissions.soleTitle')} {...data}>
      <Text size="sm">{t('administration.permissions.sole', { count: sole.length, numbers: sole.map((p) => p.number).join(', ') })}</Text>
      <AnchorLink to="/administration/users/new" size="sm">
        {t('administration.permissions.addAlternate')}
      </AnchorLink>
    </Alert>
  );
}
