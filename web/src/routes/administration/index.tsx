import { createRoute, redirect } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { searchText } from '../../lib/searchParams';
import { appRoute, rootRoute } from '../base';
import { AddOpenLicensePage } from './add-open-license';
import { AddUserPage } from './add-user';
import { AuditTrailPage } from './audit';
import { DenyResellerAccessPage } from './deny-reseller';
import { AdministrationHub } from './hub';
import { OpenLicensesPage } from './open-licenses';
import { MyPermissionsPage } from './permissions';
import { RequestPermissionsPage } from './request-permissions';
import { PendingRequestsPage } from './requests';
import { UserDetailPage } from './user-detail';
import { ManageUsersPage } from './users';

const page = <TPath extends string>(path: TPath, component: () => ReactElement) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/users',
  // ?licensingId=… : the users of one Licensing ID (linked from the Add Open and reseller mails).
  validateSearch: (search: Record<string, unknown>): { licensingId?: string } => ({ licensingId: searchText(search.licensingId) }),
  component: ManageUsersPage,
});

const userDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/users/$userId',
  component: UserDetailPage,
});

const addUserRoute = page('/administration/users/new', AddUserPage);

const requestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/requests',
  // ?request=<id>: the request an Administrator was mailed about, opened for a decision.
  validateSearch: (search: Record<string, unknown>): { request?: string } => ({ request: searchText(search.request) }),
  component: PendingRequestsPage,
});

const openLicensesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/open-licenses',
  validateSearch: (search: Record<string, unknown>): { licensingId?: string } => ({ licensingId: searchText(search.licensingId) }),
  component: OpenLicensesPage,
});

/**
 * Public: the Deny Access link mailed to a customer's administrators (R-PERM-11); the mailed token
 * is the credential, no sign-in. router.tsx lists this area's routes under the signed-in layout, but
 * the router builds a page's match chain from getParentRoute, so with the root as parent the
 * sign-in check of the app layout does not run. (Cleaner, when router.tsx may change: list
 * administrationPublicRoutes under rootRoute there and drop the route from administrationRoutes.)
 */
const denyResellerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reseller-access/deny',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: searchText(search.token) }),
  component: DenyResellerAccessPage,
});

/** Mails link to short addresses; they lead to the pages here. */
const alias = <TPath extends string>(path: TPath, to: string) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    beforeLoad: () => {
      throw redirect({ to, replace: true });
    },
  });

/** /users?request=<id> (the mail about a new request) opens that request; /users alone is Manage Users. */
const usersAlias = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: (search: Record<string, unknown>): { request?: string; licensingId?: string } => ({
    request: searchText(search.request),
    licensingId: searchText(search.licensingId),
  }),
  beforeLoad: ({ search }) => {
    if (search.request) throw redirect({ to: '/administration/requests', search: { request: search.request }, replace: true });
    throw redirect({ to: '/administration/users', search: { licensingId: search.licensingId }, replace: true });
  },
});

export const administrationRoutes = [
  page('/administration', AdministrationHub),
  page('/administration/permissions', MyPermissionsPage),
  page('/administration/request-permissions', RequestPermissionsPage),
  page('/administration/add-open-license', AddOpenLicensePage),
  page('/administration/audit', AuditTrailPage),
  requestsRoute,
  usersRoute,
  addUserRoute,
  userDetailRoute,
  openLicensesRoute,
  alias('/permissions', '/administration/permissions'),
  // The requester's mails ("Your requests") lead to their own requests.
  alias('/permission-requests', '/administration/request-permissions'),
  usersAlias,
  alias('/relationship-summary', '/licenses/relationship-summary'),
  denyResellerRoute,
] as const;

export const administrationPublicRoutes = [denyResellerRoute] as const;
