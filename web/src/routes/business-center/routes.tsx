import { createRoute } from '@tanstack/react-router';
import { flag } from '../../lib/searchParams';
import { appRoute } from '../base';
import { AccountChooserPage } from './chooser';
import { InventoryPage } from './inventory';
import { BusinessCenterLayout } from './layout';
import { OrderHistoryPage, orderSearch } from './orders';
import { AccountOverviewPage } from './overview';
import { SelfProvisioningPage } from './self-provisioning';

const chooser = createRoute({ getParentRoute: () => appRoute, path: '/business-center', component: AccountChooserPage });

/** R-BC-1: everything below is the chosen purchasing account's. */
export const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/business-center/$accountId',
  component: BusinessCenterLayout,
});

const overview = createRoute({ getParentRoute: () => accountRoute, path: '/', component: AccountOverviewPage });

/** R-BC-4: the filters live in the address. */
const orders = createRoute({
  getParentRoute: () => accountRoute,
  path: '/orders',
  validateSearch: orderSearch,
  component: OrderHistoryPage,
});
const inventory = createRoute({
  getParentRoute: () => accountRoute,
  path: '/inventory',
  validateSearch: (search: Record<string, unknown>): { expiring: boolean } => ({ expiring: flag(search.expiring) }),
  component: InventoryPage,
});
/** R-BC-5: seed 004's "Set up online services". */
const onlineServices = createRoute({ getParentRoute: () => accountRoute, path: '/online-services', component: SelfProvisioningPage });

/** The business center's pages (R-BC-1…R-BC-6, R-PERM-14). Sections add their routes to accountRoute's children. */
export const businessCenterRoutes = [chooser, accountRoute.addChildren([overview, orders, inventory, onlineServices])] as const;
