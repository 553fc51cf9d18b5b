import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../base';
import { RegisterPage } from './register';

/** Identity pages: public flows (registration from an invitation) and signed-in ones. */
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  validateSearch: (search: Record<string, unknown>): { token: string } => ({
    token: typeof search.token === 'string' ? search.token : '',
  }),
  component: RegisterPage,
});

export const identityPublicRoutes = [registerRoute] as const;
export const identityAppRoutes = [] as const;
