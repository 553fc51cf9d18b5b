import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api } from './client';

/** R-BC-1, R-PERM-14: the caller's purchasing accounts and their roles on them. */
export type PurchasingAccounts = Answer<'/api/v1/purchasing-accounts', 'get'>;
export type PurchasingAccount = PurchasingAccounts['accounts'][number];
export type AccountRole = PurchasingAccount['roles'][number];
export type AccountLicensingId = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/licensing-ids', 'get'>['licensingIds'][number];

/** Every business-center query starts with this key, so a change refreshes them all. */
export const BUSINESS_CENTER_KEY = 'business-center';

export const purchasingAccountsQuery = () =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'accounts'],
    queryFn: () => answer(api.GET('/api/v1/purchasing-accounts')),
  });

export const accountLicensingIdsQuery = (purchasingAccountId: string) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'licensing-ids', purchasingAccountId],
    queryFn: () =>
      answer(api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/licensing-ids', { params: { path: { purchasingAccountId } } })),
  });
