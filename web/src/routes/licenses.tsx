import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';

export function LicensesPage() {
  const { t } = useTranslation();
  usePageTitle(t('licenses.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('licenses.title')}</Title>
      <Text maw={720}>{t('licenses.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Anchor component={Link} to="/licenses/relationship-summary" fw={700} size="lg">
            {t('nav.relationshipSummary')}
          </Anchor>
          <Text size="sm" mt="xs">
            {t('licenses.relationshipSummary')}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Anchor component={Link} to="/licenses/license-summary" fw={700} size="lg">
            {t('nav.licenseSummary')}
          </Anchor>
          <Text size="sm" mt="xs">
            {t('licenses.licenseSummary')}
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
