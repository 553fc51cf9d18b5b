import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { requestsQuery } from '../../api/administration';
import { useAdministered } from '../../components/administration/useAdministered';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

interface HubCard {
  to: LinkComponentProps['to'];
  key: string;
  /** Shown only to Administrators of at least one Licensing ID (R-PERM-12). */
  admin?: boolean;
  /** Shown only when the user administers an Open License. */
  open?: boolean;
}

const CARDS: HubCard[] = [
  { to: '/administration/permissions', key: 'permissions' },
  { to: '/administration/request-permissions', key: 'request' },
  { to: '/administration/add-open-license', key: 'addOpen' },
  { to: '/administration/users', key: 'users', admin: true },
  { to: '/administration/requests', key: 'requests', admin: true },
  { to: '/administration/audit', key: 'audit', admin: true },
  { to: '/administration/open-licenses', key: 'openLicenses', admin: true, open: true },
];

/** The Administration area: one card per page the user can use. */
export function AdministrationHub() {
  const { t } = useTranslation();
  usePageTitle(t('nav.administration'));
  const administered = useAdministered();
  const isAdmin = administered.ids.length > 0;
  const hasOpen = administered.ids.some((p) => p.programCode === 'OPEN_LICENSE');
  const pending = useQuery({ ...requestsQuery(false, 'PENDING'), enabled: isAdmin });
  const cards = CARDS.filter((c) => (!c.admin || isAdmin) && (!c.open || hasOpen));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('nav.administration')}</Title>
      <Text maw={720}>{t('administration.intro')}</Text>
      {administered.error ? <ErrorAlert error={administered.error} /> : null}
      {!administered.ready && !administered.error && <Loading />}
      {administered.ready && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {cards.map((card) => (
            <Card key={card.key} withBorder padding="md" component="section" aria-labelledby={`hub-${card.key}`}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title order={2} size="h4" id={`hub-${card.key}`}>
                  <AnchorLink to={card.to} inherit>
                    {t(`administration.${card.key}.title`)}
                  </AnchorLink>
                </Title>
                {card.key === 'requests' && pending.isSuccess && pending.data.length > 0 && (
                  <Badge color="orange.9" variant="filled" tt="none">
                    {t('administration.hub.pending', { count: pending.data.length })}
                  </Badge>
                )}
              </Group>
              <Text size="sm" mt="xs">
                {t(`administration.hub.${card.key}`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
