import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { organizationQuery } from '../../api/identity';
import { meQuery } from '../../api/queries';

/**
 * Navigation entries that depend on who is signed in: Organization settings for administrators of
 * the organization (GET /organization answers 403 for everybody else), Mail outbox for operators.
 */
export function useIdentityNavItems(): { to: LinkComponentProps['to']; labelKey: string }[] {
  const { data: me } = useQuery(meQuery);
  const organization = useQuery({ ...organizationQuery, enabled: Boolean(me) });
  return [
    ...(organization.isSuccess ? [{ to: '/organization' as const, labelKey: 'identity.nav.organization' }] : []),
    ...(me?.isOperator ? [{ to: '/operator/mail' as const, labelKey: 'identity.nav.mailOutbox' }] : []),
  ];
}
