import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle';

const PAGES = [
  { to: '/administration/permissions', key: 'permissions' },
  { to: '/administration/request-permissions', key: 'request' },
  { to: '/administration/users', key: 'users' },
  { to: '/administration/requests', key: 'requests' },
] as const;

export function AdministrationHub() {
  const { t } = useTranslation();
  usePageTitle(t('nav.administration'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('nav.administration')}</Title>
      <Text maw={720}>{t('administration.intro')}</Text>
      <List spacing="sm">
        {PAGES.map((p) => (
          <List.Item key={p.to}>
            <Anchor component={Link} to={p.to}>
              {t(`administration.${p.key}.title`)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
