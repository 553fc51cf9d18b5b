import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';

/** A channel partner's users see their customers; the publisher's operators the register of partners (R-REL-6). */
export function usePartnerNavItems(): { to: LinkComponentProps['to']; labelKey: string }[] {
  const { data: me } = useQuery(meQuery);
  return [
    ...(me?.organization.isChannelPartner ? [{ to: '/partner' as const, labelKey: 'partner.nav.customers' }] : []),
    ...(me?.isOperator ? [{ to: '/operator/partners' as const, labelKey: 'partner.nav.partners' }] : []),
  ];
}
