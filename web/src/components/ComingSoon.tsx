import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';
import { EmptyNotice } from './EmptyNotice';

/** Placeholder page for an area whose capability arrives in a later release. */
export function ComingSoon({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  const area = t(titleKey);
  usePageTitle(area);
  return (
    <Stack gap="lg">
      <Title order={1}>{area}</Title>
      <EmptyNotice title={t('comingSoon.title')} description={t('comingSoon.description', { area })} />
    </Stack>
  );
}
