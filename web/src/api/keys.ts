import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Query, type Schemas } from './client';

/** One key on the Product Keys page (R-KEY-7); only sent to Product Keys and Administrator holders (R-KEY-9). */
export type KeyView = Schemas['KeyView'];
/** R-PERM-13: a request as the requester and the publisher's queue see it. */
export type KeyRequestView = Schemas['KeyRequestView'];
export type KeyRequestKind = KeyRequestView['kind'];
export type KeyRequestStatus = KeyRequestView['status'];
export type NewKeyRequest = Body<'/api/v1/key-requests', 'post'>;
export type QueueStatus = NonNullable<Query<'/api/v1/operator/key-requests', 'get'>['status']>;

export const KEY_REQUEST_KINDS: KeyRequestKind[] = ['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS'];
export const QUEUE_STATUSES: QueueStatus[] = ['PENDING', 'APPROVED', 'DENIED', 'ALL'];

export const productKeysQuery = queryOptions({
  queryKey: ['product-keys', 'all'],
  queryFn: () => answer(api.GET('/api/v1/product-keys')),
});

/** One Licensing ID's keys, and its products that need none. 403 without the role (R-KEY-9). */
export const licensingIdKeysQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['product-keys', 'licensing-id', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/keys', { params: { path: { licensingId } } })),
  });

/** R-KEY-7: the key file; the server sends it as an attachment. */
export function keysExportUrl(format: 'tsv' | 'csv', licensingId?: string): string {
  const query = new URLSearchParams({ format });
  if (licensingId) query.set('licensingId', licensingId);
  return href('/api/v1/product-keys/export', { query });
}

/** R-KEY-7, R-REP-4: the key file as an Excel workbook, every cell text (so 1/9 stays 1/9). */
export function keysWorkbookUrl(licensingId?: string): string {
  const query = new URLSearchParams();
  if (licensingId) query.set('licensingId', licensingId);
  return href('/api/v1/product-keys/workbook', { query });
}

export const printQuery = (licensingId?: string) =>
  queryOptions({
    queryKey: ['product-keys', 'print', licensingId ?? 'all'],
    queryFn: () => answer(api.GET('/api/v1/product-keys/print', { params: { query: { licensingId } } })),
  });

export const HISTORY_PAGE_SIZE = 25;

/** R-KEY-4: the machines a key activated, newest first, a page at a time. */
export const activationsQuery = (keyId: string) =>
  infiniteQueryOptions({
    queryKey: ['activations', keyId],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/product-keys/{keyId}/activations', {
          params: { path: { keyId }, query: { limit: HISTORY_PAGE_SIZE, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const keyRequestsQuery = queryOptions({
  queryKey: ['key-requests'],
  queryFn: () => answer(api.GET('/api/v1/key-requests')),
});

export const createKeyRequest = (body: NewKeyRequest) => answer(api.POST('/api/v1/key-requests', { body }));

export const operatorKeyRequestsQuery = (status: QueueStatus) =>
  queryOptions({
    queryKey: ['operator-key-requests', status],
    queryFn: () => answer(api.GET('/api/v1/operator/key-requests', { params: { query: { status } } })),
  });

export const decideKeyRequest = (id: string, body: Body<'/api/v1/operator/key-requests/{requestId}/decision', 'post'>) =>
  answer(api.POST('/api/v1/operator/key-requests/{requestId}/decision', { params: { path: { requestId: id } }, body }));

/** Issue 15: a key's activations per UTC day over the last `days` days, oldest first, quiet days as 0. */
export const activationsPerDayQuery = (keyId: string, days: number) =>
  queryOptions({
    queryKey: ['activations', keyId, 'daily', days],
    queryFn: () => answer(api.GET('/api/v1/product-keys/{keyId}/activations/daily', { params: { path: { keyId }, query: { days } } })),
  });
