import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

export interface KeyView {
  id: string;
  licensingId: string;
  licensingIdNumber: string;
  licensingIdName: string;
  parentProgram: string | null;
  organization: string;
  product: { id: string; code: string; name: string; version: string; edition: string };
  type: 'MAK' | 'KMS_HOST' | 'SETUP' | 'OSA';
  productKey: string;
  lastFive: string;
  activations: { used: number; limit: number; available: number } | null;
}

export interface KeyRequestView {
  id: string;
  kind: string;
  status: string;
  licensingIdNumber: string;
  product: { name: string; version: string; edition: string };
  keyLastFive: string;
  activationsWanted: number;
  decisionNote: string | null;
}

export const productKeysQuery = queryOptions({
  queryKey: ['product-keys'],
  queryFn: () => api<{ items: KeyView[] }>('GET', '/product-keys'),
});

export const keyRequestsQuery = queryOptions({
  queryKey: ['key-requests'],
  queryFn: () => api<{ items: KeyRequestView[] }>('GET', '/key-requests'),
});

export interface NewKeyRequest {
  kind: 'MORE_MAK_ACTIVATIONS' | 'KMS_EXCEPTION_OPEN' | 'MORE_KMS_HOSTS';
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

export interface ActivationRow {
  id: string;
  fingerprint: string;
  hostname: string | null;
  machineKind: string;
  method: string;
  activatedAt: string;
}

export const activationsQuery = (keyId: string) =>
  queryOptions({
    queryKey: ['activations', keyId],
    queryFn: () =>
      api<{
        key: { id: string; type: string; lastFive: string; activations: { used: number; limit: number } | null };
        items: ActivationRow[];
      }>('GET', `/product-keys/${keyId}/activations?limit=200`),
  });

export type PendingKeyRequest = KeyRequestView & { organization: string; requestedBy: string; justification: string };

export const operatorKeyRequestsQuery = queryOptions({
  queryKey: ['operator-key-requests'],
  queryFn: () => api<{ items: PendingKeyRequest[] }>('GET', '/operator/key-requests?status=PENDING'),
});

export const decideKeyRequest = (id: string, decision: 'APPROVE' | 'DENY', note: string) =>
  api<KeyRequestView>('POST', `/operator/key-requests/${id}/decision`, { decision, note: note || undefined });

export const printQuery = queryOptions({
  queryKey: ['product-keys', 'print'],
  queryFn: () => api<{ generatedAt: string; columns: string[]; rows: string[][]; count: number }>('GET', '/product-keys/print'),
});
