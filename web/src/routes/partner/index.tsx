import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { PartnerBenefitPermissionsPage } from './benefit-permissions';
import { PartnerCustomerPage } from './customer';
import { PartnerCustomersPage } from './customers';
import { PartnerSalesPackagesPage } from './sales-packages';
import { PartnerSelfProvisioningPage } from './self-provisioning';

const customers = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner',
  validateSearch: (search: Record<string, unknown>): { q: string } => ({ q: typeof search.q === 'string' ? search.q.slice(0, 200) : '' }),
  component: PartnerCustomersPage,
});

const customer = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner/customers/$organizationId',
  component: PartnerCustomerPage,
});

const benefitPermissions = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner/benefit-permissions',
  component: PartnerBenefitPermissionsPage,
});

const salesPackages = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner/sales-packages',
  component: PartnerSalesPackagesPage,
});

/** R-BC-5: the self-provisioning requests of the purchasing accounts the partner serves. */
const selfProvisioning = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner/self-provisioning',
  component: PartnerSelfProvisioningPage,
});

/**
 * The channel partner's area (R-REL-6): the customers it serves and their contacts of record; R-SA-7:
 * permission to manage their benefits; R-BC-2, R-BC-5: sales packages and self-provisioning requests.
 */
export const partnerRoutes = [customers, customer, benefitPermissions, salesPackages, selfProvisioning] as const;
