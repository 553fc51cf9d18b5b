import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle';

export function DownloadsHub() {
  const { t } = useTranslation();
  usePageTitle(t('nav.downloads'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('nav.downloads')}</Title>
      <List spacing="sm">
        <List.Item>
          <Anchor component={Link} to="/downloads/product-keys">
            {t('downloads.keys.title')}
          </Anchor>
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/downloads/key-requests">
            {t('downloads.requests.title')}
          </Anchor>
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/downloads/operator/key-requests">
            {t('downloads.queue.title')}
          </Anchor>
        </List.Item>
      </List>
      <Text>{t('downloads.catalogSoon')}</Text>
    </Stack>
  );
}
