import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { appRoute } from '../base';
import { MbsaReportPage, ParentReportPage } from './agreement-reports';
import { LicenseSummaryPage } from './license-summary';
import { LicensingIdReportPage } from './report';
import { type LicenseSummarySearch, validateLicenseSummarySearch } from './search';

const SUMMARY_DEFAULTS: LicenseSummarySearch = { ids: [], status: 'all', pool: 'ALL', purchased: false };

/** R-LIC-1: the License Summary; its filters live in the URL (defaults left out). */
const licenseSummary = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/license-summary',
  validateSearch: validateLicenseSummarySearch,
  search: { middlewares: [stripSearchParams(SUMMARY_DEFAULTS)] },
  component: LicenseSummaryPage,
});

/** R-REL-4: Licensing ID details with its sections (R-REL-5 dims those the user's roles do not include). */
const licensingIdReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId',
  component: LicensingIdReportPage,
});

const parentReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId/parent-report',
  component: ParentReportPage,
});

/** R-REL-2: never offered for Open programs (the API answers 409 MBSA_REPORT_NOT_OFFERED). */
const mbsaReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId/mbsa-report',
  component: MbsaReportPage,
});

/** The Licenses area beyond the hub and the Relationship Summary (router.tsx spreads these under appRoute). */
export const licensesRoutes = [licenseSummary, licensingIdReport, parentReport, mbsaReport] as const;
