import { AppShell, Burger, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { LanguageSwitcher } from './LanguageSwitcher';

export interface AccountControlsProps {
  me?: Me | null;
  onSignOut?: () => void;
  signingOut?: boolean;
}

interface Props extends AccountControlsProps {
  nav?: { opened: boolean; toggle: () => void };
  /** False where the navigation drawer shows the account controls instead (small screens). */
  withAccount?: boolean;
}

/**
 * The signed-in user, the language, the profile and sign-out. In the banner from the `sm`
 * breakpoint up; below it, where they do not fit beside the product name (320 px, WCAG 1.4.10),
 * the navigation drawer shows them (`inDrawer`) and the banner keeps the toggle and the name.
 * Rendered in one place at a time, so the page never has two language switches.
 */
export function AccountControls({
  me,
  onSignOut,
  signingOut,
  inDrawer = false,
  onNavigate,
}: AccountControlsProps & { inDrawer?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const signedInAs = me ? t('header.signedInAs', { name: `${me.firstName} ${me.lastName}`, organization: me.organization.name }) : '';
  const controls = (
    <>
      <LanguageSwitcher signedIn={Boolean(me)} />
      {me && (
        <Button component={Link} to="/profile" variant="outline" size="xs" onClick={onNavigate}>
          {t('identity.nav.profile')}
        </Button>
      )}
      {me && (
        <Button component={Link} to="/exports" variant="outline" size="xs" onClick={onNavigate}>
          {t('exports.nav')}
        </Button>
      )}
      {onSignOut && (
        <Button variant="outline" size="xs" onClick={onSignOut} loading={signingOut}>
          {t('header.signOut')}
        </Button>
      )}
    </>
  );
  if (inDrawer) {
    return (
      <Stack gap="xs" pb="sm" mb="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        {me && <Text size="sm">{signedInAs}</Text>}
        <Group gap="xs">{controls}</Group>
      </Stack>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      {me && (
        <>
          <Text size="sm" visibleFrom="md">
            {signedInAs}
          </Text>
          <VisuallyHidden hiddenFrom="md">{signedInAs}</VisuallyHidden>
        </>
      )}
      {controls}
    </Group>
  );
}

/** Banner: product name, navigation toggle on small screens, signed-in user, language and sign-out. */
export function AppHeader({ me, nav, onSignOut, signingOut, withAccount = true }: Props) {
  const { t } = useTranslation();
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
        {withAccount && <AccountControls me={me} onSignOut={onSignOut} signingOut={signingOut} />}
      </Group>
    </AppShell.Header>
  );
}
