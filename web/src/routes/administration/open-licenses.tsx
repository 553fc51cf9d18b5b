import { Stack, Text, Title } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { OpenLicensePanel } from '../../components/administration/OpenLicensePanel';
import { useAdministered } from '../../components/administration/useAdministered';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-PERM-10, R-PERM-11: per Open License the user administers, the Add Open switch and the resellers with Deny Access. */
export function OpenLicensesPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.openLicenses.title'));
  const { licensingId } = useSearch({ from: '/_app/administration/open-licenses' });
  const administered = useAdministered();
  const open = administered.ids.filter((p) => p.programCode === 'OPEN_LICENSE' && (!licensingId || p.id === licensingId));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('administration.openLicenses.title')}</Title>
        <Text maw={760}>{t('administration.openLicenses.intro')}</Text>
      </Stack>
      <AdministeredOnly administered={administered}>
        {open.length === 0 && <Text>{t('administration.openLicenses.none')}</Text>}
        {open.map((p) => (
          <OpenLicensePanel key={p.id} licensingId={p.id} number={p.number} name={p.name} />
        ))}
      </AdministeredOnly>
    </Stack>
  );
}
