import { EmptyState, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';

/** Placeholder page for an area whose capability arrives in a later release. */
export function ComingSoon({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  const area = t(titleKey);
  usePageTitle(area);
  return (
    <Stack gap="lg">
      <Title order={1}>{area}</Title>
      <EmptyState>
        <EmptyState.Title order={2}>{t('comingSoon.title')}</EmptyState.Title>
        <EmptyState.Description>{t('comingSoon.description', { area })}</EmptyState.Description>
      </EmptyState>
    </Stack>
  );
}
