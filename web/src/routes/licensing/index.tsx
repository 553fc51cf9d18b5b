import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { MbsaReportPage, ParentReportPage } from './agreement-reports';
import { LicenseSummaryPage } from './license-summary';
import { LicensingIdReportPage } from './report';

const licenseSummary = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/license-summary',
  validateSearch: (search: Record<string, unknown>): { ids: string[] } => ({
    ids: Array.isArray(search.ids) ? search.ids.filter((v): v is string => typeof v === 'string') : [],
  }),
  component: LicenseSummaryPage,
});

const licensingIdReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId',
  component: LicensingIdReportPage,
});

/** The Licenses area beyond the Relationship Summary: License Summary and the Licensing ID report. */
const parentReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId/parent-report',
  component: ParentReportPage,
});

const mbsaReport = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/licensing-ids/$licensingId/mbsa-report',
  component: MbsaReportPage,
});

export const licensesRoutes = [licenseSummary, licensingIdReport, parentReport, mbsaReport] as const;
