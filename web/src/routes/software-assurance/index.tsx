import { createRoute } from '@tanstack/react-router';
import { BENEFIT_CODES, BENEFIT_STATUSES, type SaSummarySearch, SUMMARY_SORTS } from '../../api/software-assurance';
import { searchText } from '../../lib/searchParams';
import { appRoute } from '../base';
import { LicensingIdBenefitsPage } from './benefits';
import { ElearningRedeemPage } from './e-learning-redeem';
import { PartnerPermissionsPage } from './partner-permissions';
import { SaSummaryPage } from './summary';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

const summary = createRoute({
  getParentRoute: () => appRoute,
  path: '/software-assurance',
  validateSearch: (search: Record<string, unknown>): SaSummarySearch => ({
    q: searchText(search.q, 200),
    benefit: oneOf(search.benefit, BENEFIT_CODES),
    status: oneOf(search.status, BENEFIT_STATUSES),
    expiringWithin: oneOf(String(search.expiringWithin ?? ''), ['30', '90'] as const),
    sort: oneOf(search.sort, SUMMARY_SORTS) ?? 'organization',
    order: search.order === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number.parseInt(String(search.page ?? '1'), 10) || 1),
  }),
  component: SaSummaryPage,
});

const benefits = createRoute({
  getParentRoute: () => appRoute,
  path: '/software-assurance/$licensingId',
  component: LicensingIdBenefitsPage,
});

const partnerPermissions = createRoute({
  getParentRoute: () => appRoute,
  path: '/software-assurance/partner-permissions',
  component: PartnerPermissionsPage,
});

const elearningRedeem = createRoute({
  getParentRoute: () => appRoute,
  path: '/software-assurance/e-learning',
  component: ElearningRedeemPage,
});

/** R-SA-1…3: the SA Summary and the benefits of one Licensing ID; R-SA-7: the partners' permissions to manage them; R-SA-4: employees join e-Learning. */
export const softwareAssuranceRoutes = [summary, benefits, partnerPermissions, elearningRedeem] as const;
