import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { SubscriptionsPage } from './subscriptions';
import { SubscriptionsLicensingIdPage } from './subscriptions-licensing-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const chooser = createRoute({ getParentRoute: () => appRoute, path: '/online-services/subscriptions', component: SubscriptionsPage });

const licensingId = createRoute({
  getParentRoute: () => appRoute,
  path: '/online-services/subscriptions/$licensingId',
  // The chosen product stays in the address, so a reload or a shared link shows the same people.
  validateSearch: (search: Record<string, unknown>): { product?: string } => ({
    product: typeof search.product === 'string' && UUID.test(search.product) ? search.product : undefined,
  }),
  component: SubscriptionsLicensingIdPage,
});

/** R-PERM-2: the Subscriptions Manager's pages under Online services. */
export const subscriptionsRoutes = [chooser, licensingId] as const;
