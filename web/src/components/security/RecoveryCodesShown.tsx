import { Alert, Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function download(codes: string[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** A new set of recovery codes, shown this once: to copy or download before going on. */
export function RecoveryCodesShown({ codes, children }: { codes: string[]; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal.9" variant="outline" role="status" title={t('security.recovery.shownTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('security.recovery.shownNote')}</Text>
        <List
          aria-label={t('security.recovery.listLabel')}
          data-testid="recovery-codes"
          listStyleType="none"
          ff="monospace"
          styles={{ root: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))', gap: '0.25rem 1rem' } }}
        >
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group gap="xs">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button size="xs" variant={copied ? 'filled' : 'outline'} onClick={copy}>
                {copied ? t('security.recovery.copied') : t('security.recovery.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="outline" onClick={() => download(codes, t('security.recovery.fileName'))}>
            {t('security.recovery.download')}
          </Button>
        </Group>
        {children}
      </Stack>
    </Alert>
  );
}
