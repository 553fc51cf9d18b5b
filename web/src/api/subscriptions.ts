import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';

/** R-PERM-2: the Subscriptions Manager's Licensing IDs, products and assignments. */
type ProductsPath = '/api/v1/licensing-ids/{licensingId}/subscriptions';
type AssignmentsPath = '/api/v1/licensing-ids/{licensingId}/subscriptions/assignments';
export type SubscriptionLicensingId = Answer<'/api/v1/subscriptions/licensing-ids', 'get'>['licensingIds'][number];
export type SubscriptionProducts = Answer<ProductsPath, 'get'>;
export type SubscriptionProduct = SubscriptionProducts['products'][number];
export type Assignments = Answer<AssignmentsPath, 'get'>;
export type Assignment = Assignments['items'][number];
export type AssignInput = Body<AssignmentsPath, 'post'>;
export type PersonInput = Body<'/api/v1/licensing-ids/{licensingId}/subscriptions/assignments/{assignmentId}/reassign', 'post'>;

export const ASSIGNMENTS_PAGE_SIZE = 25;

/** Every query here starts with this key, so a change refreshes them all. */
export const SUBSCRIPTIONS_KEY = 'subscriptions';

export const subscriptionLicensingIdsQuery = () =>
  queryOptions({
    queryKey: [SUBSCRIPTIONS_KEY, 'licensing-ids'],
    queryFn: () => answer(api.GET('/api/v1/subscriptions/licensing-ids')),
  });

export const subscriptionProductsQuery = (licensingId: string) =>
  queryOptions({
    queryKey: [SUBSCRIPTIONS_KEY, 'products', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/subscriptions', { params: { path: { licensingId } } })),
  });

export const assignmentsQuery = (licensingId: string, filter: { productId?: string; q?: string; cursor?: string }) =>
  queryOptions({
    queryKey: [SUBSCRIPTIONS_KEY, 'assignments', licensingId, filter],
    queryFn: () =>
      answer(
        api.GET('/api/v1/licensing-ids/{licensingId}/subscriptions/assignments', {
          params: {
            path: { licensingId },
            query: { limit: ASSIGNMENTS_PAGE_SIZE, productId: filter.productId, q: filter.q || undefined, cursor: filter.cursor },
          },
        }),
      ),
  });

export const assignSubscription = (licensingId: string, body: AssignInput) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/subscriptions/assignments', { params: { path: { licensingId } }, body }));

export const reassignSubscription = (licensingId: string, assignmentId: string, body: PersonInput) =>
  answer(
    api.POST('/api/v1/licensing-ids/{licensingId}/subscriptions/assignments/{assignmentId}/reassign', {
      params: { path: { licensingId, assignmentId } },
      body,
    }),
  );

export const removeAssignment = (licensingId: string, assignmentId: string) =>
  answer(
    api.DELETE('/api/v1/licensing-ids/{licensingId}/subscriptions/assignments/{assignmentId}', {
      params: { path: { licensingId, assignmentId } },
    }),
  );
