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
