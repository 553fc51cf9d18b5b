import { createRoute } from '@tanstack/react-router';
import { isDeliveryState, isProvisioningEventType, type ProvisioningFilter } from '../../api/provisioning';
import { appRoute } from '../base';
import { OperatorAuditPage } from './audit';
import { CustomerPage } from './customer';
import { CustomersPage } from './customers';
import { OnboardPage } from './onboard';
import { ProvisioningEventsPage } from './provisioning';
import { ProvisioningEventPage } from './provisioning-event';

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

const provisioning = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/provisioning',
  validateSearch: (search: Record<string, unknown>): ProvisioningFilter => ({
    state: isDeliveryState(search.state) ? search.state : undefined,
    type: isProvisioningEventType(search.type) ? search.type : undefined,
  }),
  component: ProvisioningEventsPage,
});

const provisioningEvent = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/provisioning/$eventId',
  component: ProvisioningEventPage,
});

/** The publisher's back office (issue 12): customers (list, onboard, one customer with its contacts and changes) and the audit trail; the provisioning delivery log (issue 14). */
export const backofficeRoutes = [customers, onboard, customer, audit, provisioning, provisioningEvent] as const;
