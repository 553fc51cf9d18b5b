import { Group, NativeSelect, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type DownloadMethod, type DownloadSettings, downloadSettingsKey, saveDownloadSettings } from '../../api/downloads';
import { KeyProblemAlert } from './KeyProblemAlert';

/** A language tag (en, sv, pt-br) named in the reader's language; "mul" is a multilingual file. */
export function languageName(code: string, locale: string, t: TFunction): string {
  if (code === 'mul') return t('downloads.settings.multilingual');
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An operating system type (WINDOWS, LINUX) by its translated name, the code itself when unknown. */
export function osName(code: string, t: TFunction): string {
  return t(`downloads.osNames.${code}`, { defaultValue: code });
}

const saveKey = ['downloads', 'settings', 'save'] as const;

/**
 * R-DL-3: how to download (web browser or download manager), in which language, for which operating
 * system. Saved on the user, so every product page starts from the same choice.
 */
export function DownloadSettingsPanel({
  settings,
  languages,
  systems,
}: {
  settings: DownloadSettings;
  languages: string[];
  systems: string[];
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  // Each choice applies at once (the files below follow it) and is saved on the user. Saves run one
  // after another (one scope), and only the last one's answer is written back: two quick choices must
  // end on the second, whichever PUT the server answers first.
  const save = useMutation({
    mutationKey: saveKey,
    scope: { id: 'download-settings' },
    mutationFn: saveDownloadSettings,
    onMutate: (next) => {
      const previous = queryClient.getQueryData<DownloadSettings>(downloadSettingsKey);
      queryClient.setQueryData(downloadSettingsKey, next);
      return { previous };
    },
    onError: (_error, _next, context) => queryClient.setQueryData(downloadSettingsKey, context?.previous),
    onSuccess: (saved) => {
      if (queryClient.isMutating({ mutationKey: saveKey }) <= 1) queryClient.setQueryData(downloadSettingsKey, saved);
    },
  });
  const change = (patch: Partial<DownloadSettings>) => save.mutate({ ...settings, ...patch });
  const withCurrent = (list: string[], current: string) => (current && !list.includes(current) ? [current, ...list] : list);

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('downloads.settings.title')}
        </Title>
        <Radio.Group
          label={t('downloads.settings.method')}
          value={settings.method}
          onChange={(v) => change({ method: v as DownloadMethod })}
        >
          <Group mt={4}>
            <Radio value="BROWSER" label={t('downloads.settings.BROWSER')} />
            <Radio value="MANAGER" label={t('downloads.settings.MANAGER')} />
          </Group>
        </Radio.Group>
        <Group grow align="flex-start">
          <NativeSelect
            label={t('downloads.settings.language')}
            value={settings.language}
            onChange={(e) => change({ language: e.currentTarget.value })}
            data={withCurrent(languages, settings.language).map((l) => ({ value: l, label: languageName(l, i18n.language, t) }))}
          />
          <NativeSelect
            label={t('downloads.settings.os')}
            value={settings.os}
            onChange={(e) => change({ os: e.currentTarget.value })}
            data={withCurrent(systems, settings.os).map((o) => ({ value: o, label: osName(o, t) }))}
          />
        </Group>
        {save.isError && <KeyProblemAlert error={save.error} />}
        <Text size="sm" role="status">
          {save.isSuccess ? t('downloads.settings.saved') : t('downloads.settings.help')}
        </Text>
      </Stack>
    </Paper>
  );
}
