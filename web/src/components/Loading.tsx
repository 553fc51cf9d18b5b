import { Group, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner that screen readers announce as loading (a polite status). */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Group role="status">
      <Loader size="sm" />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Group>
  );
}
