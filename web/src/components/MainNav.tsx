import { AppShell, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponentProps } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';

function MantineNavLinkAnchor(props: NavLinkProps & ComponentPropsWithRef<'a'>) {
  return <NavLink component="a" {...props} />;
}

const RouterNavLink = createLink(MantineNavLinkAnchor);

type Item = { to: LinkComponentProps['to']; labelKey: string; exact?: boolean; nested?: boolean };

const ITEMS: Item[] = [
  { to: '/', labelKey: 'nav.home', exact: true },
  { to: '/licenses', labelKey: 'nav.licenses', exact: true },
  { to: '/licenses/relationship-summary', labelKey: 'nav.relationshipSummary', nested: true },
  { to: '/licenses/license-summary', labelKey: 'nav.licenseSummary', nested: true },
  { to: '/downloads', labelKey: 'nav.downloads' },
  { to: '/software-assurance', labelKey: 'nav.softwareAssurance' },
  { to: '/online-services', labelKey: 'nav.onlineServices' },
  { to: '/reports', labelKey: 'nav.reports' },
  { to: '/administration', labelKey: 'nav.administration' },
];

/** The service center's areas; the current page is marked with aria-current. */
export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
      {ITEMS.map((item) => (
        <RouterNavLink
          key={item.labelKey}
          to={item.to}
          label={t(item.labelKey)}
          pl={item.nested ? 'xl' : undefined}
          activeOptions={{ exact: item.exact ?? false }}
          activeProps={{ active: true }}
          onClick={onNavigate}
        />
      ))}
    </AppShell.Navbar>
  );
}
