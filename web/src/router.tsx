import type { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';
import type { StatusFilter } from './api/types';
import { parseSearch, stringifySearch } from './lib/searchParams';
import { accountPublicRoutes } from './routes/account';
import { administrationRoutes } from './routes/administration';
import { backofficeRoutes } from './routes/backoffice';
import { partnerBackofficeRoutes } from './routes/backoffice/partners';
import { purchasingAccountBackofficeRoutes } from './routes/backoffice/purchasing-accounts';
import { reservationOfferRoutes } from './routes/backoffice/reservation-offers';
import { saBackofficeRoutes } from './routes/backoffice/sa-benefits';
import { trainingProviderRoutes } from './routes/backoffice/training-providers';
import { appRoute, rootRoute, signInRoute } from './routes/base';
import { businessCenterRoutes } from './routes/business-center/routes';
import { downloadsRoutes } from './routes/downloads';
import { exportsRoutes } from './routes/exports';
import { HomePage } from './routes/home';
import { identityAppRoutes, identityPublicRoutes } from './routes/identity';
import { LicensesPage } from './routes/licenses';
import { licensesRoutes } from './routes/licensing';
import { onlineServicesPublicRoutes, onlineServicesRoutes } from './routes/online-services';
import { reservationRoutes } from './routes/online-services/reservations-routes';
import { subscriptionsRoutes } from './routes/online-services/subscriptions-routes';
import { partnerRoutes } from './routes/partner';
import { partnerChangeRoutes } from './routes/partner-change';
import { RelationshipSummaryPage } from './routes/relationship-summary';
import { reportsRoutes } from './routes/reports';
import { softwareAssuranceRoutes } from './routes/software-assurance';
import { supportRoutes } from './routes/support';

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const licensesRoute = createRoute({ getParentRoute: () => appRoute, path: '/licenses', component: LicensesPage });

const relationshipSummaryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/relationship-summary',
  validateSearch: (search: Record<string, unknown>): { status: StatusFilter } => ({
    status: search.status === 'all' ? 'all' : 'active',
  }),
  component: RelationshipSummaryPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  ...identityPublicRoutes,
  ...accountPublicRoutes,
  ...onlineServicesPublicRoutes,
  appRoute.addChildren([
    ...identityAppRoutes,
    ...administrationRoutes,
    homeRoute,
    licensesRoute,
    relationshipSummaryRoute,
    ...licensesRoutes,
    ...partnerChangeRoutes,
    ...downloadsRoutes,
    ...supportRoutes,
    ...exportsRoutes,
    ...backofficeRoutes,
    ...purchasingAccountBackofficeRoutes,
    ...partnerBackofficeRoutes,
    ...trainingProviderRoutes,
    ...reservationOfferRoutes,
    ...saBackofficeRoutes,
    ...partnerRoutes,
    ...softwareAssuranceRoutes,
    ...reservationRoutes,
    ...onlineServicesRoutes,
    ...subscriptionsRoutes,
    ...businessCenterRoutes,
    ...reportsRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    parseSearch,
    stringifySearch,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
