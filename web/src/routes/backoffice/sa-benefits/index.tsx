import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../base';
import { FindLicensingIdPage } from './find';
import { OperatorLicensingIdBenefitsPage } from './licensing-id';
import { SaBenefitRulesPage } from './rules';

const find = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/sa-benefits',
  validateSearch: (search: Record<string, unknown>): { number: string } => ({
    // A number may look numeric in the URL; it is text all the same.
    number: typeof search.number === 'string' || typeof search.number === 'number' ? String(search.number).slice(0, 40) : '',
  }),
  component: FindLicensingIdPage,
});
const benefits = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/sa-benefits/$licensingId',
  component: OperatorLicensingIdBenefitsPage,
});
const rules = createRoute({ getParentRoute: () => appRoute, path: '/operator/sa-benefit-rules', component: SaBenefitRulesPage });

/** The publisher's Software Assurance back office (issue 13, R-SA-1, R-SA-2): the benefit rules, and the benefits of one Licensing ID. */
export const saBackofficeRoutes = [find, benefits, rules] as const;
