import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';

/**
 * A channel partner's users see their customers, the sales packages they prepare for them (R-BC-2),
 * their permission to manage the customers' benefits (R-SA-7) and the online services those
 * customers set up for them to order (R-BC-5); the publisher's operators the register of partners
 * (R-REL-6).
 */
export function usePartnerNavItems(): { to: LinkComponentProps['to']; labelKey: string; exact?: boolean; nested?: boolean }[] {
  const { data: me } = useQuery(meQuery);
  return [
    ...(me?.organization.isChannelPartner
      ? [
          // Exact, so that the nested entry below is the only one marked current on its page.
          { to: '/partner' as const, labelKey: 'partner.nav.customers', exact: true },
          { to: '/partner/sales-packages' as const, labelKey: 'partner.nav.salesPackages', nested: true },
          { to: '/partner/benefit-permissions' as const, labelKey: 'partner.nav.benefitPermissions', nested: true },
          { to: '/partner/self-provisioning' as const, labelKey: 'partner.nav.selfProvisioning', nested: true },
        ]
      : []),
    ...(me?.isOperator ? [{ to: '/operator/partners' as const, labelKey: 'partner.nav.partners' }] : []),
  ];
}
