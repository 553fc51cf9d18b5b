import { createRoute } from '@tanstack/react-router';
import { appRoute, rootRoute } from '../base';
import { MailOutboxPage } from './mail-outbox';
import { OrganizationPage } from './organization';
import { ProfilePage } from './profile';
import { RegisterPage } from './register';
import { SignUpPage } from './sign-up';
import { VerifyEmailPage } from './verify-email';

/** The mailed links carry their secret as ?token=…; anything else is no token. */
const tokenSearch = (search: Record<string, unknown>): { token: string } => ({
  token: typeof search.token === 'string' ? search.token : '',
});

/** Public identity pages: reached from mails (registration, confirmation) or from the sign-in page. */
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  validateSearch: tokenSearch,
  component: RegisterPage,
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: tokenSearch,
  component: VerifyEmailPage,
});

const signUpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-up', component: SignUpPage });

/** Signed-in identity pages: the user's profile, the organization's settings, the operators' outbox. */
const profileRoute = createRoute({ getParentRoute: () => appRoute, path: '/profile', component: ProfilePage });
const organizationRoute = createRoute({ getParentRoute: () => appRoute, path: '/organization', component: OrganizationPage });
const mailOutboxRoute = createRoute({ getParentRoute: () => appRoute, path: '/operator/mail', component: MailOutboxPage });

export const identityPublicRoutes = [registerRoute, verifyEmailRoute, signUpRoute] as const;
export const identityAppRoutes = [profileRoute, organizationRoute, mailOutboxRoute] as const;
