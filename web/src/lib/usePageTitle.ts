import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to the translated page name plus the product name, following language changes. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.pageTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
