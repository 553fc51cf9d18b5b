import { useQuery } from '@tanstack/react-query';
import type { LinkComponentProps } from '@tanstack/react-router';
import { meQuery } from '../../../api/queries';

/** The publisher's operators reach the purchasing accounts' back office (R-BC-1). */
export function usePurchasingAccountNavItems(): { to: LinkComponentProps['to']; labelKey: string }[] {
  const { data: me } = useQuery(meQuery);
  return me?.isOperator ? [{ to: '/operator/purchasing-accounts' as const, labelKey: 'bcBackoffice.nav' }] : [];
}
