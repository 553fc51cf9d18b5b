import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { OperatorAuditPage } from './audit';
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

const audit = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/audit',
  validateSearch: (search: Record<string, unknown>): { organizationId?: string } =>
    typeof search.organizationId === 'string' && /^[0-9a-f-]{36}$/i.test(search.organizationId)
      ? { organizationId: search.organizationId }
      : {},
  component: OperatorAuditPage,
});

/** The publisher's back office (issue 12): customers (list, onboard, one customer with its contacts and changes) and the audit trail. */
export const backofficeRoutes = [customers, onboard, customer, audit] as const;
