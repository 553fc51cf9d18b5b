import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { BUSINESS_CENTER_KEY } from './business-center';
import { type Answer, answer, api, type Body, type Query } from './client';

/** R-PERM-14: a purchasing account's users and their business-center roles. */
export type AccountUsers = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/users', 'get'>;
export type AccountUser = AccountUsers['items'][number];
export type AccountUserStatus = AccountUser['status'];
export type AccountUsersFilter = NonNullable<Query<'/api/v1/purchasing-accounts/{purchasingAccountId}/users', 'get'>>;
export type NewAccountUser = Body<'/api/v1/purchasing-accounts/{purchasingAccountId}/users', 'post'>;

export const accountUsersQuery = (purchasingAccountId: string, query: AccountUsersFilter) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'users', purchasingAccountId, query],
    queryFn: () =>
      answer(api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/users', { params: { path: { purchasingAccountId }, query } })),
    placeholderData: keepPreviousData,
  });

export const addAccountUser = (purchasingAccountId: string, body: NewAccountUser) =>
  answer(api.POST('/api/v1/purchasing-accounts/{purchasingAccountId}/users', { params: { path: { purchasingAccountId } }, body }));

export const setAccountUserRoles = (purchasingAccountId: string, userId: string, roles: AccountUser['roles']) =>
  answer(
    api.PUT('/api/v1/purchasing-accounts/{purchasingAccountId}/users/{userId}/roles', {
      params: { path: { purchasingAccountId, userId } },
      body: { roles },
    }),
  );

export const revokeAccountUser = (purchasingAccountId: string, userId: string) =>
  answer(
    api.DELETE('/api/v1/purchasing-accounts/{purchasingAccountId}/users/{userId}/roles', {
      params: { path: { purchasingAccountId, userId } },
    }),
  );
