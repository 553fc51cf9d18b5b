import { SegmentedControl, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQueryKey, updateLocale } from '../api/queries';
import type { Locale, Me } from '../api/types';
import { LOCALES, setLocale } from '../i18n';

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** English/Svenska switch: changes the UI at once and, when signed in, stores the choice on the user. */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  const save = useMutation({
    mutationFn: updateLocale,
    onSuccess: (me: Me) => {
      queryClient.setQueryData(meQueryKey, me);
      setFailed(false);
    },
    onError: () => setFailed(true),
  });

  const onChange = (value: string) => {
    if (!isLocale(value)) return;
    void setLocale(value);
    if (signedIn) save.mutate(value);
  };

  return (
    <>
      <SegmentedControl
        size="xs"
        aria-label={t('language.label')}
        value={i18n.language}
        onChange={onChange}
        data={LOCALES.map((locale) => ({
          value: locale,
          label: <span lang={locale}>{t(`language.${locale}`)}</span>,
        }))}
      />
      {failed && (
        <Text size="xs" c="red.9" role="alert">
          {t('language.saveFailed')}
        </Text>
      )}
    </>
  );
}
