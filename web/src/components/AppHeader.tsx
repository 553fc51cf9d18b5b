import { AppShell, Burger, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { LanguageSwitcher } from './LanguageSwitcher';

interface Props {
  me?: Me | null;
  nav?: { opened: boolean; toggle: () => void };
  onSignOut?: () => void;
  signingOut?: boolean;
}

/** Banner: product name, navigation toggle on small screens, signed-in user, language and sign-out. */
export function AppHeader({ me, nav, onSignOut, signingOut }: Props) {
  const { t } = useTranslation();
  const name = me ? `${me.firstName} ${me.lastName}` : '';
  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap">
          {nav && (
            <Burger
              opened={nav.opened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(nav.opened ? 'header.closeNavigation' : 'header.openNavigation')}
            />
          )}
          <Text component={Link} to="/" fw={700} fz={{ base: 'sm', sm: 'lg' }} lh={1.2} c="blue.9" td="none">
            {t('app.name')}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          {me && (
            <>
              <Text size="sm" visibleFrom="md">
                {t('header.signedInAs', { name, organization: me.organization.name })}
              </Text>
              <VisuallyHidden hiddenFrom="md">{t('header.signedInAs', { name, organization: me.organization.name })}</VisuallyHidden>
            </>
          )}
          <LanguageSwitcher signedIn={Boolean(me)} />
          {me && (
            <Button component={Link} to="/profile" variant="outline" size="xs">
              {t('identity.nav.profile')}
            </Button>
          )}
          {onSignOut && (
            <Button variant="outline" size="xs" onClick={onSignOut} loading={signingOut}>
              {t('header.signOut')}
            </Button>
          )}
        </Group>
      </Group>
    </AppShell.Header>
  );
}
