import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { AgreementsPage, validateAgreementSearch } from './agreements';
import { AccountChooserPage } from './chooser';
import { BusinessCenterLayout } from './layout';
import { AccountOverviewPage } from './overview';
import { SalesPackagesPage } from './sales-packages';
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

/** The business center's pages (R-BC-1…R-BC-6, R-PERM-14). Sections add their routes to accountRoute's children. */
export const businessCenterRoutes = [chooser, accountRoute.addChildren([overview, agreements, salesPackages, users])] as const;
