import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { meQueryKey } from './queries';
import type { AgreementStatus, LicensingIdKind, Role } from './types';

/** The roles that are groups of narrower duties (R-PERM-8). */
export type GroupRole = 'SA_MANAGER' | 'ONLINE_SERVICES_MANAGER' | 'SUBSCRIPTIONS_MANAGER';
/** Narrowed groups only: a held group role missing here has "All". */
export type SubRoles = Partial<Record<GroupRole, string[]>>;

export const isGroupRole = (role: string): role is GroupRole =>
  role === 'SA_MANAGER' || role === 'ONLINE_SERVICES_MANAGER' || role === 'SUBSCRIPTIONS_MANAGER';

/** What a user holds on one Licensing ID. */
export interface Holding {
  roles: Role[];
  subRoles: SubRoles;
  manageReservation: boolean;
}

/** Why a Licensing ID cannot be removed from a user. */
export type Refusal = 'NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT' | 'INHERITED' | 'LICENSING_ID_EXPIRED' | 'LAST_ADMINISTRATOR';

export interface AgreementRef {
  id: string;
  number: string;
  programCode: string | null;
  programName: string | null;
  status: AgreementStatus;
}

export interface MyPermission extends Holding {
  id: string;
  number: string;
  authorizationNumber: string | null;
  name: string;
  kind: LicensingIdKind;
  programCode: string;
  programName: string;
  status: AgreementStatus;
  parent: AgreementRef | null;
  mbsa: AgreementRef | null;
  removable: boolean;
  reason: Refusal | null;
  soleAdministrator: boolean;
}

export interface UserListItem {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: UserStatus;
  activeLicensingIds: number;
}

export type UserStatus = 'active' | 'inactive' | 'invited';

export interface UserPermission extends Holding {
  licensingId: { id: string; number: string; name: string; programCode: string; kind: LicensingIdKind; status: AgreementStatus };
  removable: boolean;
  reason: Refusal | null;
}

export interface UserDetail extends UserListItem {
  permissions: UserPermission[];
}

export type RequestStatus = 'PENDING' | 'ACCEPTED' | 'DENIED' | 'WITHDRAWN';

export interface PermissionRequest {
  id: string;
  number: number;
  licensingId: { id: string | null; number: string; name: string | null; programCode: string };
  requester: { id: string; firstName: string; lastName: string; email: string };
  roles: Role[];
  subRoles: SubRoles;
  comment: string | null;
  status: RequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface Inheritance {
  agreement: { id: string; number: string; kind: 'MBSA' | 'PARENT'; programCode: string | null };
  contactTypes: ('NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT')[];
  optedIn: boolean;
  decidedAt: string | null;
  childLicensingIds: number;
}

export interface Reseller {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  organization: string;
  status: 'ACTIVE' | 'DENIED' | 'INACTIVE';
  grantedAt: string;
  deniedAt: string | null;
  roles: Role[];
}

/** An assignment as the API takes it: `subRoles` lists narrowed groups only. */
export interface Assignment {
  roles: Role[];
  subRoles?: SubRoles;
  manageReservation?: boolean;
}

/* ------------------------------------------------------------------ queries */

export const administrationKey = ['administration'] as const;

export const myPermissionsQuery = (status: 'active' | 'all' = 'all') =>
  queryOptions({
    queryKey: [...administrationKey, 'my-permissions', status],
    queryFn: () => api<{ email: string; items: MyPermission[] }>('GET', `/me/permissions?status=${status}`).then((r) => r.items),
  });

export const roleGroupsQuery = queryOptions({
  queryKey: [...administrationKey, 'role-groups'],
  queryFn: () => api<{ groups: { role: GroupRole; subRoles: string[] }[] }>('GET', '/role-groups').then((r) => r.groups),
  staleTime: Number.POSITIVE_INFINITY,
});

export const inheritanceQuery = queryOptions({
  queryKey: [...administrationKey, 'inheritance'],
  queryFn: () => api<{ items: Inheritance[] }>('GET', '/me/inheritance').then((r) => r.items),
});

export const USERS_PAGE_SIZE = 25;

export interface UserFilter {
  email: string;
  status: 'all' | UserStatus;
  licensingId?: string;
}

export const usersQuery = (filter: UserFilter) =>
  infiniteQueryOptions({
    queryKey: [...administrationKey, 'users', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ status: filter.status, limit: String(USERS_PAGE_SIZE) });
      if (filter.email) params.set('email', filter.email);
      if (filter.licensingId) params.set('licensingId', filter.licensingId);
      if (pageParam) params.set('cursor', pageParam);
      return api<{ items: UserListItem[]; nextCursor: string | null }>('GET', `/users?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });

export const userQuery = (userId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'user', userId],
    queryFn: () => api<UserDetail>('GET', `/users/${userId}`),
  });

export const requestsQuery = (mine: boolean, status: RequestStatus | 'ALL' = mine ? 'ALL' : 'PENDING') =>
  queryOptions({
    queryKey: [...administrationKey, 'permission-requests', mine, status],
    queryFn: () => api<{ items: PermissionRequest[] }>('GET', `/permission-requests?mine=${mine}&status=${status}`).then((r) => r.items),
  });

export const addOpenSettingQuery = (licensingId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'add-open', licensingId],
    queryFn: () => api<{ licensingId: string; addOpenEnabled: boolean }>('GET', `/licensing-ids/${licensingId}/add-open`),
  });

export const resellersQuery = (licensingId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'resellers', licensingId],
    queryFn: () => api<{ items: Reseller[] }>('GET', `/licensing-ids/${licensingId}/resellers`).then((r) => r.items),
  });

/**
 * After a change to anyone's roles every view of roles may be stale (reports, keys, the nav):
 * refetch everything except the signed-in user, which only changes with the profile.
 */
export const refreshAfterRoleChange = (queryClient: QueryClient, alsoMe = false) =>
  queryClient.invalidateQueries({ predicate: (q) => alsoMe || q.queryKey[0] !== meQueryKey[0] });

/* ---------------------------------------------------------------- mutations */

export const removeMyPermission = (licensingId: string) => api<void>('DELETE', `/me/permissions/${licensingId}`);

export const chooseInheritance = (agreementId: string, optedIn: boolean) =>
  api<Inheritance>('PUT', `/me/inheritance/${agreementId}`, { optedIn });

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  locale?: 'en' | 'sv';
  grants: (Assignment & { licensingId: string })[];
}

export const addUser = (user: NewUser) => api<UserDetail & { warnings: 'SHARED_MAILBOX'[] }>('POST', '/users', user);

export const setUserRoles = (userId: string, licensingId: string, assignment: Assignment) =>
  api<UserDetail>('PUT', `/users/${userId}/roles/${licensingId}`, assignment);

export const removeUserLicensingId = (userId: string, licensingId: string) => api<void>('DELETE', `/users/${userId}/roles/${licensingId}`);

export const deactivateUser = (userId: string) =>
  api<UserDetail & { retained: { licensingId: string; reason: Refusal }[]; accountClosed: boolean }>('POST', `/users/${userId}/deactivate`);

export const reactivateUser = (userId: string) => api<UserDetail>('POST', `/users/${userId}/reactivate`);

export const resendInvitation = (userId: string) =>
  api<{ userId: string; email: string; expiresAt: string }>('POST', `/users/${userId}/invitation`);

export interface NewRequest extends Assignment {
  programCode: string;
  number: string;
  authorizationNumber?: string;
  comment?: string;
}

export const createRequest = ({ manageReservation: _, ...request }: NewRequest) =>
  api<PermissionRequest>('POST', '/permission-requests', request);

export const decideRequest = (id: string, decision: 'ACCEPT' | 'DENY', note: string) =>
  api<PermissionRequest>('POST', `/permission-requests/${id}/decision`, { decision, note: note || undefined });

export interface AddOpenResult {
  status: 'GRANTED' | 'ALREADY_GRANTED';
  licensingId: string;
  number: string;
  name: string;
  roles: Role[];
}

export const addOpenLicense = (input: { licenseNumber: string; authorizationNumber: string; firstName?: string; lastName?: string }) =>
  api<AddOpenResult>('POST', '/open-licenses', { ...input, acknowledge: true });

export const setAddOpenEnabled = (licensingId: string, enabled: boolean) =>
  api<{ licensingId: string; addOpenEnabled: boolean }>('PATCH', `/licensing-ids/${licensingId}/add-open`, { enabled });

export const denyReseller = (licensingId: string, userId: string) =>
  api<{ userId: string; licensingId: string; status: 'DENIED' }>('DELETE', `/licensing-ids/${licensingId}/resellers/${userId}`);

export const denyResellerByToken = (token: string) =>
  api<{ status: 'DENIED'; licenseNumber: string; licenseName: string; resellerEmail: string }>('POST', '/reseller-access/deny', { token });
