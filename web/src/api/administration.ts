import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body, type Query, type Schemas } from './client';
import { meQueryKey } from './queries';

export type MyPermission = Schemas['MyPermission'];
export type UserListItem = Schemas['UserListItem'];
export type UserDetail = Schemas['UserDetail'];
export type PermissionRequest = Schemas['PermissionRequest'];
export type Inheritance = Schemas['Inheritance'];
export type Reseller = Schemas['Reseller'];
export type UserPermission = UserDetail['permissions'][number];

/** What a user holds on one Licensing ID. */
export type Holding = Pick<MyPermission, 'roles' | 'subRoles' | 'manageReservation'>;
/** Narrowed groups only: a held group role missing here has "All". */
export type SubRoles = Holding['subRoles'];
/** The roles that are groups of narrower duties (R-PERM-8). */
export type GroupRole = Answer<'/api/v1/role-groups', 'get'>['groups'][number]['role'];
export type UserStatus = UserListItem['status'];
export type RequestStatus = PermissionRequest['status'];
/** Which requests a list shows: one status (a withdrawn request is never listed by it) or all. */
export type RequestFilter = NonNullable<Query<'/api/v1/permission-requests', 'get'>['status']>;
/** An assignment as the API takes it: `subRoles` lists narrowed groups only. */
export type Assignment = Body<'/api/v1/users/{userId}/roles/{licensingId}', 'put'>;
/** The programs a permission request names its Licensing ID by. */
export type ProgramCode = Body<'/api/v1/permission-requests', 'post'>['programCode'];

export const isGroupRole = (role: string): role is GroupRole =>
  role === 'SA_MANAGER' || role === 'ONLINE_SERVICES_MANAGER' || role === 'SUBSCRIPTIONS_MANAGER';

/* ------------------------------------------------------------------ queries */

export const administrationKey = ['administration'] as const;

export const myPermissionsQuery = (status: 'active' | 'all' = 'all') =>
  queryOptions({
    queryKey: [...administrationKey, 'my-permissions', status],
    queryFn: () => answer(api.GET('/api/v1/me/permissions', { params: { query: { status } } })).then((r) => r.items),
  });

export const roleGroupsQuery = queryOptions({
  queryKey: [...administrationKey, 'role-groups'],
  queryFn: () => answer(api.GET('/api/v1/role-groups')).then((r) => r.groups),
  staleTime: Number.POSITIVE_INFINITY,
});

export const inheritanceQuery = queryOptions({
  queryKey: [...administrationKey, 'inheritance'],
  queryFn: () => answer(api.GET('/api/v1/me/inheritance')).then((r) => r.items),
});

export const USERS_PAGE_SIZE = 25;

/** Manage Users' filter: the list's own query, the e-mail always present (empty: any). */
export type UserFilter = Pick<Query<'/api/v1/users', 'get'>, 'licensingId'> & {
  email: string;
  status: NonNullable<Query<'/api/v1/users', 'get'>['status']>;
};

export const usersQuery = (filter: UserFilter) =>
  infiniteQueryOptions({
    queryKey: [...administrationKey, 'users', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/users', {
          params: {
            query: {
              status: filter.status,
              limit: USERS_PAGE_SIZE,
              email: filter.email || undefined,
              licensingId: filter.licensingId || undefined,
              cursor: pageParam ?? undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export const userQuery = (userId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'user', userId],
    queryFn: () => answer(api.GET('/api/v1/users/{userId}', { params: { path: { userId } } })),
  });

export const requestsQuery = (mine: boolean, status: RequestFilter = mine ? 'ALL' : 'PENDING') =>
  queryOptions({
    queryKey: [...administrationKey, 'permission-requests', mine, status],
    queryFn: () =>
      answer(api.GET('/api/v1/permission-requests', { params: { query: { mine: mine ? 'true' : 'false', status } } })).then((r) => r.items),
  });

export const addOpenSettingQuery = (licensingId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'add-open', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/add-open', { params: { path: { licensingId } } })),
  });

export const resellersQuery = (licensingId: string) =>
  queryOptions({
    queryKey: [...administrationKey, 'resellers', licensingId],
    queryFn: () =>
      answer(api.GET('/api/v1/licensing-ids/{licensingId}/resellers', { params: { path: { licensingId } } })).then((r) => r.items),
  });

/**
 * After a change to anyone's roles every view of roles may be stale (reports, keys, the nav):
 * refetch everything except the signed-in user, which only changes with the profile.
 */
export const refreshAfterRoleChange = (queryClient: QueryClient, alsoMe = false) =>
  queryClient.invalidateQueries({ predicate: (q) => alsoMe || q.queryKey[0] !== meQueryKey[0] });

/* ---------------------------------------------------------------- mutations */

export const removeMyPermission = (licensingId: string) =>
  answer(api.DELETE('/api/v1/me/permissions/{id}', { params: { path: { id: licensingId } } }));

export const chooseInheritance = (agreementId: string, optedIn: boolean) =>
  answer(api.PUT('/api/v1/me/inheritance/{agreementId}', { params: { path: { agreementId } }, body: { optedIn } }));

export const addUser = (user: Body<'/api/v1/users', 'post'>) => answer(api.POST('/api/v1/users', { body: user }));

export const setUserRoles = (userId: string, licensingId: string, assignment: Assignment) =>
  answer(api.PUT('/api/v1/users/{userId}/roles/{licensingId}', { params: { path: { userId, licensingId } }, body: assignment }));

/** The same roles on many Licensing IDs at once (all or nothing). */
export const setUserRolesOnMany = (userId: string, licensingIds: string[], assignment: Assignment) =>
  answer(api.PUT('/api/v1/users/{userId}/roles', { params: { path: { userId } }, body: { licensingIds, ...assignment } }));

export const removeUserLicensingId = (userId: string, licensingId: string) =>
  answer(api.DELETE('/api/v1/users/{userId}/roles/{licensingId}', { params: { path: { userId, licensingId } } }));

export const deactivateUser = (userId: string) => answer(api.POST('/api/v1/users/{userId}/deactivate', { params: { path: { userId } } }));

export const reactivateUser = (userId: string) => answer(api.POST('/api/v1/users/{userId}/reactivate', { params: { path: { userId } } }));

export const resendInvitation = (userId: string) => answer(api.POST('/api/v1/users/{userId}/invitation', { params: { path: { userId } } }));

export const createRequest = ({ manageReservation: _, ...request }: Body<'/api/v1/permission-requests', 'post'> & Assignment) =>
  answer(api.POST('/api/v1/permission-requests', { body: request }));

export const decideRequest = (id: string, decision: 'ACCEPT' | 'DENY', note: string) =>
  answer(
    api.POST('/api/v1/permission-requests/{requestId}/decision', {
      params: { path: { requestId: id } },
      body: { decision, note: note || undefined },
    }),
  );

export const addOpenLicense = (input: { licenseNumber: string; authorizationNumber: string; firstName?: string; lastName?: string }) =>
  answer(api.POST('/api/v1/open-licenses', { body: { ...input, acknowledge: true } }));

export const setAddOpenEnabled = (licensingId: string, enabled: boolean) =>
  answer(api.PATCH('/api/v1/licensing-ids/{licensingId}/add-open', { params: { path: { licensingId } }, body: { enabled } }));

export const denyReseller = (licensingId: string, userId: string) =>
  answer(api.DELETE('/api/v1/licensing-ids/{licensingId}/resellers/{userId}', { params: { path: { licensingId, userId } } }));

export const denyResellerByToken = (token: string) => answer(api.POST('/api/v1/reseller-access/deny', { body: { token } }));
