import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Role } from './types';

export interface LicensingIdRef {
  id: string;
  number: string;
  name: string;
  programCode: string;
}

export interface MyPermission {
  licensingId: LicensingIdRef & { status: string };
  roles: Role[];
  removable: boolean;
  reason: 'NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT' | 'INHERITED' | null;
  soleAdministrator: boolean;
}

export interface UserListItem {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'inactive' | 'invited';
  activeLicensingIds: number;
}

export interface PermissionRequest {
  id: string;
  number: number;
  licensingId: { id: string | null; number: string; name: string | null; programCode: string };
  requester: { firstName: string; lastName: string; email: string } | null;
  roles: Role[];
  comment: string | null;
  status: 'PENDING' | 'ACCEPTED' | 'DENIED' | 'WITHDRAWN';
  createdAt: string;
  decisionNote: string | null;
}

/** The API's My Permissions row, reduced to what the administration pages show. */
interface MyPermissionsResponse {
  items: {
    id: string;
    number: string;
    name: string;
    programCode: string;
    status: string;
    roles: Role[];
    removable: boolean;
    reason: MyPermission['reason'];
    soleAdministrator: boolean;
  }[];
}

export const myPermissionsQuery = queryOptions({
  queryKey: ['me', 'permissions'],
  queryFn: async (): Promise<MyPermission[]> => {
    const res = await api<MyPermissionsResponse>('GET', '/me/permissions?status=all');
    return res.items.map((i) => ({
      licensingId: { id: i.id, number: i.number, name: i.name, programCode: i.programCode, status: i.status },
      roles: i.roles,
      removable: i.removable,
      reason: i.reason,
      soleAdministrator: i.soleAdministrator,
    }));
  },
});

export const removeMyPermission = (licensingId: string) => api<void>('DELETE', `/me/permissions/${licensingId}`);

export const usersQuery = (email: string, status: string) =>
  queryOptions({
    queryKey: ['users', email, status],
    queryFn: () =>
      api<{ items: UserListItem[]; nextCursor: string | null }>(
        'GET',
        `/users?status=${encodeURIComponent(status)}${email ? `&email=${encodeURIComponent(email)}` : ''}`,
      ),
  });

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  grants: { licensingId: string; roles: Role[] }[];
}

export const addUser = (user: NewUser) => api<{ id: string; warnings?: string[] }>('POST', '/users', user);

export const requestsQuery = (mine: boolean) =>
  queryOptions({
    queryKey: ['permission-requests', mine],
    queryFn: () =>
      api<{ items: PermissionRequest[] }>(
        'GET',
        mine ? '/permission-requests?mine=true&status=ALL' : '/permission-requests?status=PENDING',
      ),
  });

export interface NewRequest {
  programCode: string;
  number: string;
  authorizationNumber?: string;
  roles: Role[];
  comment?: string;
}

export const createRequest = (request: NewRequest) => api<PermissionRequest>('POST', '/permission-requests', request);

export const decideRequest = (id: string, decision: 'ACCEPT' | 'DENY', note: string) =>
  api<PermissionRequest>('POST', `/permission-requests/${id}/decision`, { decision, note: note || undefined });
