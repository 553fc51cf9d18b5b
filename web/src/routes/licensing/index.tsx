import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
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
export const licensesRoutes = [licenseSummary, licensingIdReport] as const;
