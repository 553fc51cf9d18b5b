import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, type LinkComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../api/queries';
import { AdministrationHomeNotices } from '../components/administration/HomeNotices';
import { usePageTitle } from '../lib/usePageTitle';

const AREAS: { to: LinkComponentProps['to']; key: string }[] = [
  { to: '/licenses', key: 'licenses' },
  { to: '/downloads', key: 'downloads' },
  { to: '/software-assurance', key: 'softwareAssurance' },
  { to: '/online-services', key: 'onlineServices' },
  { to: '/reports', key: 'reports' },
  { to: '/administration', key: 'administration' },
];

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const { data: me } = useQuery(meQuery);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('home.welcome', { name: me?.firstName ?? '' })}</Title>
      {me && <Text fw={600}>{t('home.organization', { name: me.organization.name })}</Text>}
      <Text maw={720}>{t('home.intro')}</Text>
      <AdministrationHomeNotices />
      {me?.organization.isChannelPartner && (
        <Card withBorder padding="md" data-home="partner">
          <Anchor component={Link} to="/partner" fw={700} size="lg">
            {t('partner.nav.customers')}
          </Anchor>
          <Text size="sm" mt="xs">
            {t('partner.home')}
          </Text>
        </Card>
      )}
      <Title order={2} size="h3">
        {t('home.areasHeading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {AREAS.map((area) => (
          <Card key={area.key} withBorder padding="md">
            <Anchor component={Link} to={area.to} fw={700} size="lg">
              {t(`nav.${area.key}`)}
            </Anchor>
            <Text size="sm" mt="xs">
              {t(`home.${area.key}`)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
