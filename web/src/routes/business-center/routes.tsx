import { createRoute } from '@tanstack/react-router';
import { flag } from '../../lib/searchParams';
import { appRoute } from '../base';
import { AgreementsPage, validateAgreementSearch } from './agreements';
import { AccountChooserPage } from './chooser';
import { InventoryPage } from './inventory';
import { BusinessCenterLayout } from './layout';
import { OrderHistoryPage, orderSearch } from './orders';
import { AccountOverviewPage } from './overview';
import { SalesPackagesPage } from './sales-packages';
import { SelfProvisioningPage } from './self-provisioning';
import { AccountUsersPage } from './users';

const chooser = createRoute({ getParentRoute: () => appRoute, path: '/business-center', component: AccountChooserPage });

/** R-BC-1: everything below is the chosen purchasing account's. */
export const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/business-center/$accountId',
  component: BusinessCenterLayout,
});

const overview = createRoute({ getParentRoute: () => accountRoute, path: '/', component: AccountOverviewPage });

/** R-BC-3: the account's agreements, the filters in the address. */
const agreements = createRoute({
  getParentRoute: () => accountRoute,
  path: '/agreements',
  validateSearch: validateAgreementSearch,
  component: AgreementsPage,
});

/** R-BC-2: the sales packages sent to the account. */
const salesPackages = createRoute({ getParentRoute: () => accountRoute, path: '/sales-packages', component: SalesPackagesPage });

/** R-PERM-14: the account's users and their roles. */
const users = createRoute({ getParentRoute: () => accountRoute, path: '/users', component: AccountUsersPage });

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
export const businessCenterRoutes = [
  chooser,
  accountRoute.addChildren([overview, agreements, salesPackages, users, orders, inventory, onlineServices]),
] as const;
