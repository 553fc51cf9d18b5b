import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { meQuery } from './api/queries';
import type { StatusFilter } from './api/types';
import { AppLayout } from './components/AppLayout';
import { ComingSoon } from './components/ComingSoon';
import { HomePage } from './routes/home';
import { LicensesPage } from './routes/licenses';
import { NotFoundPage } from './routes/not-found';
import { RelationshipSummaryPage } from './routes/relationship-summary';
import { RootLayout } from './routes/root';
import { SignInPage } from './routes/sign-in';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; signedOut?: boolean } => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
    signedOut: search.signedOut === true ? true : undefined,
  }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(meQuery)) throw redirect({ to: '/' });
  },
  component: SignInPage,
});

/** Pathless layout for everything behind sign-in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
});

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

const comingSoon = <TPath extends string>(path: TPath, titleKey: string) =>
  createRoute({ getParentRoute: () => appRoute, path, component: () => <ComingSoon titleKey={titleKey} /> });

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    homeRoute,
    licensesRoute,
    relationshipSummaryRoute,
    comingSoon('/licenses/license-summary', 'nav.licenseSummary'),
    comingSoon('/downloads', 'nav.downloads'),
    comingSoon('/software-assurance', 'nav.softwareAssurance'),
    comingSoon('/online-services', 'nav.onlineServices'),
    comingSoon('/reports', 'nav.reports'),
    comingSoon('/administration', 'nav.administration'),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
