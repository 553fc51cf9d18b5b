import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';

/** Support for everyone signed in (R-SUP-1), and the support queue for the publisher's operators. */
export function useSupportNavItems(): { to: LinkComponentProps['to']; labelKey: string; exact?: boolean; nested?: boolean }[] {
  const { data: me } = useQuery(meQuery);
  return [
    { to: '/support' as const, labelKey: 'support.nav.support', exact: true },
    ...(me?.isOperator ? [{ to: '/support/queue' as const, labelKey: 'support.nav.queue', nested: true }] : []),
  ];
}
