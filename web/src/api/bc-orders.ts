import { queryOptions } from '@tanstack/react-query';
import { BUSINESS_CENTER_KEY } from './business-center';
import { type Answer, answer, api, href, type Query } from './client';

/** R-BC-4: the order history's filters, as the API and the portal's address name them. */
export type OrderFilters = Omit<NonNullable<Query<'/api/v1/purchasing-accounts/{purchasingAccountId}/orders', 'get'>>, 'limit' | 'cursor'>;
export type OrderPage = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/orders', 'get'>;
export type OrderRow = OrderPage['items'][number];
export type Inventory = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/inventory', 'get'>;
export type InventoryItem = Inventory['items'][number];
export type Plans = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/online-service-plans', 'get'>;
export type SelfProvisioningRequest = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/self-provisioning', 'get'>['items'][number];

export const ORDER_PAGE_SIZE = 50;

export const orderHistoryQuery = (purchasingAccountId: string, filters: OrderFilters, cursor: string | undefined) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'orders', purchasingAccountId, filters, cursor ?? ''],
    queryFn: () =>
      answer(
        api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/orders', {
          params: { path: { purchasingAccountId }, query: { ...filters, limit: ORDER_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });

/** A plain link: the browser downloads the file with the session cookie. */
export function orderHistoryExportHref(purchasingAccountId: string, filters: OrderFilters, format: 'xlsx' | 'csv'): string {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
  return href('/api/v1/purchasing-accounts/{purchasingAccountId}/orders/export', { path: { purchasingAccountId }, query });
}

export const inventoryQuery = (purchasingAccountId: string, expiring: boolean) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'inventory', purchasingAccountId, expiring],
    queryFn: () =>
      answer(
        api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/inventory', {
          params: { path: { purchasingAccountId }, query: { expiring: expiring ? 'true' : 'false' } },
        }),
      ),
  });

export const plansQuery = (purchasingAccountId: string) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'plans', purchasingAccountId],
    queryFn: () =>
      answer(
        api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/online-service-plans', { params: { path: { purchasingAccountId } } }),
      ),
  });

export const selfProvisioningQuery = (purchasingAccountId: string) =>
  queryOptions({
    queryKey: [BUSINESS_CENTER_KEY, 'self-provisioning', purchasingAccountId],
    queryFn: () =>
      answer(api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/self-provisioning', { params: { path: { purchasingAccountId } } })),
  });

export const requestSelfProvisioning = (
  purchasingAccountId: string,
  body: { licensingId: string; productId: string; quantity: number; commitToOrder: boolean },
) =>
  answer(
    api.POST('/api/v1/purchasing-accounts/{purchasingAccountId}/self-provisioning', { params: { path: { purchasingAccountId } }, body }),
  );

export const cancelSelfProvisioning = (purchasingAccountId: string, requestId: string) =>
  answer(
    api.POST('/api/v1/purchasing-accounts/{purchasingAccountId}/self-provisioning/{requestId}/cancel', {
      params: { path: { purchasingAccountId, requestId } },
    }),
  );

export const partnerSelfProvisioningQuery = () =>
  queryOptions({
    queryKey: ['partner', 'self-provisioning'],
    queryFn: () => answer(api.GET('/api/v1/partner/self-provisioning')),
  });
