import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../base';
import { ForgotPasswordPage } from './forgot-password';
import { ResetPasswordPage } from './reset-password';

/** Account recovery: public pages, reached from the sign-in page and from the mailed link (?token=…). */
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage });

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token: string } => ({
    token: typeof search.token === 'string' ? search.token : '',
  }),
  component: ResetPasswordPage,
});

export const accountPublicRoutes = [forgotPasswordRoute, resetPasswordRoute] as const;
