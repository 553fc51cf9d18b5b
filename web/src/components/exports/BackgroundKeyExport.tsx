import { Alert, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_EXPORT_FORMATS, type KeyExportFormat, requestExport } from '../../api/exports';
import { ErrorAlert } from '../ErrorAlert';
import { AnchorLink } from '../links';

/** Issue 15: all keys (or one Licensing ID's) written in the background; the Exports page follows it. */
export function BackgroundKeyExport({ licensingId }: { licensingId?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [format, setFormat] = useState<KeyExportFormat>('xlsx');
  const start = useMutation({
    mutationFn: () => requestExport({ kind: 'product-keys', format, params: licensingId ? { licensingId } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exports'] }),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="background-export" maw={760}>
      <Title order={2} size="h4" id="background-export">
        {t('exports.background.title')}
      </Title>
      <Text size="sm">{t('exports.background.intro')}</Text>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('exports.background.format')}
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as KeyExportFormat)}
          data={KEY_EXPORT_FORMATS.map((f) => ({ value: f, label: t(`exports.background.formats.${f}`) }))}
          w={{ base: '100%', sm: 'auto' }}
        />
        <Button variant="outline" loading={start.isPending} onClick={() => start.mutate()}>
          {t('exports.background.start')}
        </Button>
      </Group>
      {start.isSuccess && (
        <Alert color="green" variant="outline" role="status" data-export-queued={start.data.id}>
          {t('exports.background.queued')} <AnchorLink to="/exports">{t('exports.background.open')}</AnchorLink>
        </Alert>
      )}
      {start.isError && <ErrorAlert error={start.error} />}
    </Stack>
  );
}
