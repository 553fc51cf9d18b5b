import { createRoute, redirect } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { appRoute } from '../base';
import { AdministrationHub } from './hub';
import { MyPermissionsPage } from './permissions';
import { RequestPermissionsPage } from './request-permissions';
import { PendingRequestsPage } from './requests';
import { ManageUsersPage } from './users';

const page = <TPath extends string>(path: TPath, component: () => ReactElement) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

/** Mails link to short addresses; they lead to the pages here. */
const alias = <TPath extends string>(path: TPath, to: string) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    beforeLoad: () => {
      throw redirect({ to });
    },
  });

export const administrationRoutes = [
  page('/administration', AdministrationHub),
  page('/administration/permissions', MyPermissionsPage),
  page('/administration/request-permissions', RequestPermissionsPage),
  page('/administration/requests', PendingRequestsPage),
  page('/administration/users', ManageUsersPage),
  alias('/permissions', '/administration/permissions'),
  alias('/permission-requests', '/administration/requests'),
  alias('/users', '/administration/users'),
  alias('/relationship-summary', '/licenses/relationship-summary'),
] as const;
