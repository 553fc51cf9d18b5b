import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { organizationQuery, outboxViewerQuery } from '../../api/identity';
import { meQuery } from '../../api/queries';

/**
 * Navigation entries that depend on who is signed in: Organization settings for administrators of
 * the organization (GET /organization answers 403 for everybody else), Mail outbox for operators of
 * a deployment without SMTP (with SMTP mail reaches its recipients and the outbox is off).
 */
export function useIdentityNavItems(): { to: LinkComponentProps['to']; labelKey: string }[] {
  const { data: me } = useQuery(meQuery);
  const organization = useQuery({ ...organizationQuery, enabled: Boolean(me) });
  const outbox = useQuery({ ...outboxViewerQuery, enabled: Boolean(me?.isOperator) });
  return [
    ...(organization.isSuccess ? [{ to: '/organization' as const, labelKey: 'identity.nav.organization' }] : []),
    ...(me?.isOperator
      ? [
          { to: '/operator/customers' as const, labelKey: 'backoffice.nav.customers' },
          { to: '/operator/audit' as const, labelKey: 'backoffice.nav.audit' },
          { to: '/operator/training-providers' as const, labelKey: 'trainingProviders.nav' },
          { to: '/operator/reservation-offers' as const, labelKey: 'reservationOffers.nav' },
          { to: '/operator/provisioning' as const, labelKey: 'provisioning.nav' },
        ]
      : []),
    ...(outbox.data?.available ? [{ to: '/operator/mail' as const, labelKey: 'identity.nav.mailOutbox' }] : []),
  ];
}
