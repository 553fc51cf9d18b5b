import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';

/** The publisher's back office for purchasing accounts (R-BC-1): open, correct, link Licensing IDs. */
export type BackOfficeAccounts = Answer<'/api/v1/operator/purchasing-accounts', 'get'>;
export type BackOfficeAccount = BackOfficeAccounts['items'][number];
export type BackOfficeAccountDetail = Answer<'/api/v1/operator/purchasing-accounts/{purchasingAccountId}', 'get'>;
export type NewPurchasingAccount = Body<'/api/v1/operator/purchasing-accounts', 'post'>;
export type PurchasingAccountPatch = Body<'/api/v1/operator/purchasing-accounts/{purchasingAccountId}', 'patch'>;

const KEY = 'operator-purchasing-accounts';

export const backOfficeAccountsQuery = (q: string) =>
  queryOptions({
    queryKey: [KEY, 'list', q],
    queryFn: () => answer(api.GET('/api/v1/operator/purchasing-accounts', { params: { query: { q: q || undefined } } })),
    placeholderData: keepPreviousData,
  });

export const backOfficeAccountQuery = (purchasingAccountId: string) =>
  queryOptions({
    queryKey: [KEY, 'one', purchasingAccountId],
    queryFn: () =>
      answer(api.GET('/api/v1/operator/purchasing-accounts/{purchasingAccountId}', { params: { path: { purchasingAccountId } } })),
  });

export const channelPartnersQuery = queryOptions({
  queryKey: [KEY, 'partners'],
  queryFn: () => answer(api.GET('/api/v1/operator/purchasing-accounts/channel-partners')),
});

export const PURCHASING_ACCOUNTS_KEY = KEY;

export const createPurchasingAccount = (body: NewPurchasingAccount) => answer(api.POST('/api/v1/operator/purchasing-accounts', { body }));

export const updatePurchasingAccount = (purchasingAccountId: string, body: PurchasingAccountPatch) =>
  answer(api.PATCH('/api/v1/operator/purchasing-accounts/{purchasingAccountId}', { params: { path: { purchasingAccountId } }, body }));

export const setAccountLicensingIds = (purchasingAccountId: string, licensingIds: string[]) =>
  answer(
    api.PUT('/api/v1/operator/purchasing-accounts/{purchasingAccountId}/licensing-ids', {
      params: { path: { purchasingAccountId } },
      body: { licensingIds },
    }),
  );
