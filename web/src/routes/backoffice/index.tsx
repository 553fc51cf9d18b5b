import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { CustomerPage } from './customer';
import { CustomersPage } from './customers';
import { OnboardPage } from './onboard';

const customers = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/customers',
  validateSearch: (search: Record<string, unknown>): { q: string } => ({ q: typeof search.q === 'string' ? search.q.slice(0, 200) : '' }),
  component: CustomersPage,
});

const onboard = createRoute({ getParentRoute: () => appRoute, path: '/operator/customers/new', component: OnboardPage });

const customer = createRoute({ getParentRoute: () => appRoute, path: '/operator/customers/$organizationId', component: CustomerPage });

/** The publisher's back office for customers (issue 12): list and search, onboard, one customer with its contacts. */
export const backofficeRoutes = [customers, onboard, customer] as const;
