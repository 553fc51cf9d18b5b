import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import { meQuery } from '../api/queries';
import { AppLayout } from '../components/AppLayout';
import { flag } from '../lib/searchParams';
import { NotFoundPage } from './not-found';
import { RootLayout } from './root';
import { SignInPage } from './sign-in';

/** The roots every area hangs its pages on: public pages under rootRoute, signed-in ones under appRoute. */
export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; signedOut?: boolean } => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
    signedOut: flag(search.signedOut) || undefined,
  }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(meQuery)) throw redirect({ to: '/' });
  },
  component: SignInPage,
});

/** Pathless layout for everything behind sign-in. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
});
