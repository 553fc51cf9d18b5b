import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { meQuery } from '../../../api/queries';

/** The publisher's operators reach the Software Assurance back office (benefits and their rules, R-SA-1, R-SA-2). */
export function useSaBackofficeNavItems(): { to: LinkComponentProps['to']; labelKey: string }[] {
  const { data: me } = useQuery(meQuery);
  return me?.isOperator ? [{ to: '/operator/sa-benefits' as const, labelKey: 'saBackoffice.nav.benefits' }] : [];
}
