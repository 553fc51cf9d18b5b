import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';
import { EmptyNotice } from './EmptyNotice';

/** Placeholder page for an area whose capability arrives in a later release; `children`: what of it is there already. */
export function ComingSoon({ titleKey, children }: { titleKey: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const area = t(titleKey);
  usePageTitle(area);
  return (
    <Stack gap="lg">
      <Title order={1}>{area}</Title>
      {children}
      <EmptyNotice title={t('comingSoon.title')} description={t('comingSoon.description', { area })} />
    </Stack>
  );
}
