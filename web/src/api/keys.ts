import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from './client';

export type KeyType = 'MAK' | 'KMS_HOST' | 'SETUP' | 'OSA';

export interface KeyProduct {
  id: string;
  code: string;
  name: string;
  version: string;
  edition: string;
  pool: string;
}

/** One key on the Product Keys page (R-KEY-7); only sent to Product Keys and Administrator holders (R-KEY-9). */
export interface KeyView {
  id: string;
  licensingId: string;
  licensingIdNumber: string;
  licensingIdName: string;
  parentProgram: string | null;
  organization: string;
  product: KeyProduct;
  type: KeyType;
  productKey: string;
  lastFive: string;
  /** MAK: activations; KMS_HOST: hosts; OSA: redemptions; null for a setup key. */
  activations: { used: number; limit: number; available: number } | null;
  perHostActivations: number | null;
  issuedAt: string;
}

export interface NoKeyNeeded {
  product: KeyProduct;
  reason: 'CAL' | 'NO_KEY_REQUIRED';
}

export const productKeysQuery = queryOptions({
  queryKey: ['product-keys', 'all'],
  queryFn: () => api<{ items: KeyView[] }>('GET', '/product-keys'),
});

/** One Licensing ID's keys, and its products that need none. 403 without the role (R-KEY-9). */
export const licensingIdKeysQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['product-keys', 'licensing-id', licensingId],
    queryFn: () => api<{ items: KeyView[]; noKeyNeeded: NoKeyNeeded[] }>('GET', `/licensing-ids/${encodeURIComponent(licensingId)}/keys`),
  });

/** R-KEY-7: the key file; the server sends it as an attachment. */
export function keysExportUrl(format: 'tsv' | 'csv', licensingId?: string): string {
  const params = new URLSearchParams({ format });
  if (licensingId) params.set('licensingId', licensingId);
  return `/api/v1/product-keys/export?${params.toString()}`;
}

export interface PrintView {
  generatedAt: string;
  licensingIdNumber: string | null;
  columns: string[];
  rows: string[][];
  count: number;
}

export const printQuery = (licensingId?: string) =>
  queryOptions({
    queryKey: ['product-keys', 'print', licensingId ?? 'all'],
    queryFn: () => api<PrintView>('GET', `/product-keys/print${licensingId ? `?licensingId=${encodeURIComponent(licensingId)}` : ''}`),
  });

export interface ActivationRow {
  id: string;
  fingerprint: string;
  hostname: string | null;
  machineKind: 'PHYSICAL' | 'VIRTUAL';
  method: 'INDEPENDENT' | 'PROXY' | 'REDEMPTION' | 'KMS_HOST';
  activatedAt: string;
  hostActivations: number | null;
  lastActivatedAt: string | null;
}

export interface ActivationPage {
  key: { id: string; type: KeyType; lastFive: string; activations: { used: number; limit: number } };
  items: ActivationRow[];
  nextCursor: string | null;
}

export const HISTORY_PAGE_SIZE = 25;

/** R-KEY-4: the machines a key activated, newest first, a page at a time. */
export const activationsQuery = (keyId: string) =>
  infiniteQueryOptions({
    queryKey: ['activations', keyId],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<ActivationPage>(
        'GET',
        `/product-keys/${encodeURIComponent(keyId)}/activations?limit=${HISTORY_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export type KeyRequestKind = 'MORE_MAK_ACTIVATIONS' | 'KMS_EXCEPTION_OPEN' | 'MORE_KMS_HOSTS';
export type KeyRequestStatus = 'PENDING' | 'APPROVED' | 'DENIED';
export const KEY_REQUEST_KINDS: KeyRequestKind[] = ['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS'];

/** R-PERM-13: a request as the requester and the publisher's queue see it. */
export interface KeyRequestView {
  id: string;
  kind: KeyRequestKind;
  status: KeyRequestStatus;
  licensingId: string;
  licensingIdNumber: string;
  organization: string;
  requestedBy: string;
  agreementNumber: string | null;
  licenseNumber: string | null;
  authorizationNumber: string | null;
  product: { name: string; version: string; edition: string };
  keyLastFive: string;
  keyType: KeyType;
  currentLimit: number;
  used: number;
  activationsWanted: number;
  justification: string;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  activationsGranted: number | null;
}

export const keyRequestsQuery = queryOptions({
  queryKey: ['key-requests'],
  queryFn: () => api<{ items: KeyRequestView[] }>('GET', '/key-requests'),
});

export interface NewKeyRequest {
  kind: KeyRequestKind;
  licensingId: string;
  agreementNumber?: string;
  licenseNumber?: string;
  authorizationNumber?: string;
  product: { name: string; version: string; edition: string };
  keyLastFive: string;
  activationsWanted: number;
  justification: string;
}

export const createKeyRequest = (body: NewKeyRequest) => api<KeyRequestView>('POST', '/key-requests', body);

export type QueueStatus = KeyRequestStatus | 'ALL';
export const QUEUE_STATUSES: QueueStatus[] = ['PENDING', 'APPROVED', 'DENIED', 'ALL'];

export const operatorKeyRequestsQuery = (status: QueueStatus) =>
  queryOptions({
    queryKey: ['operator-key-requests', status],
    queryFn: () => api<{ items: KeyRequestView[] }>('GET', `/operator/key-requests?status=${status}`),
  });

export type KeyRequestDecision = { decision: 'APPROVE'; activations?: number; note?: string } | { decision: 'DENY'; note?: string };

export const decideKeyRequest = (id: string, body: KeyRequestDecision) =>
  api<KeyRequestView>('POST', `/operator/key-requests/${encodeURIComponent(id)}/decision`, body);
