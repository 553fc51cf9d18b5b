import { AppShell, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponentProps } from '@tanstack/react-router';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdministrationNavItems } from './administration/useAdministrationNavItems';
import { usePurchasingAccountNavItems } from './backoffice/business-center/usePurchasingAccountNavItems';
import { useSaBackofficeNavItems } from './backoffice/sa/useSaBackofficeNavItems';
import { useIdentityNavItems } from './identity/useIdentityNavItems';
import { usePartnerNavItems } from './partner/usePartnerNavItems';
import { useSupportNavItems } from './support/useSupportNavItems';

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
  { to: '/downloads', labelKey: 'nav.downloads', exact: true },
  { to: '/downloads/product-keys', labelKey: 'downloads.nav.productKeys', nested: true },
  { to: '/downloads/key-requests', labelKey: 'downloads.nav.keyRequests', nested: true },
  { to: '/software-assurance', labelKey: 'nav.softwareAssurance' },
  { to: '/online-services', labelKey: 'nav.onlineServices', exact: true },
  { to: '/online-services/subscriptions', labelKey: 'subscriptions.nav', nested: true },
  { to: '/reports', labelKey: 'nav.reports' },
  { to: '/business-center', labelKey: 'nav.businessCenter' },
  { to: '/administration', labelKey: 'nav.administration', exact: true },
];

/** The service center's areas; the current page is marked with aria-current. `top`: shown above them (the account controls on small screens). */
export function MainNav({ onNavigate, top }: { onNavigate: () => void; top?: ReactNode }) {
  const { t } = useTranslation();
  // Administration is the last area: its sub-entries follow it.
  const items: Item[] = [
    ...ITEMS,
    ...useAdministrationNavItems(),
    ...useSupportNavItems(),
    ...useIdentityNavItems(),
    ...usePartnerNavItems(),
    ...useSaBackofficeNavItems(),
    ...usePurchasingAccountNavItems(),
  ];
  return (
    <AppShell.Navbar p="sm" aria-label={t('nav.label')} style={{ overflowY: 'auto' }}>
      {top}
      {items.map((item) => (
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
