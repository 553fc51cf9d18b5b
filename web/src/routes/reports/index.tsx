import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { CustomReportPage } from './custom-report';
import { ReportsPage } from './reports';
import { type ReportSearch, StandardReportPage } from './standard-report';

const reports = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: (search: Record<string, unknown>): { tab?: 'custom' } => ({ tab: search.tab === 'custom' ? 'custom' : undefined }),
  component: ReportsPage,
});

/**
 * R-REP-2: every filter and the chosen columns are search parameters (`?orderNumber=…&columns=a,b`),
 * so a report can be bookmarked and shared, and a reload shows the same report. Unknown ones are
 * kept as they are: the server refuses them with a code the page shows.
 */
const standard = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/$report',
  validateSearch: (search: Record<string, unknown>): ReportSearch => {
    const out: ReportSearch = {};
    for (const [key, value] of Object.entries(search)) {
      if (typeof value === 'string' && value.trim() !== '') out[key] = value.slice(0, 2000);
    }
    return out;
  },
  component: StandardReportPage,
});

const custom = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/custom/$id',
  component: CustomReportPage,
});

/** Reports (R-REP-1…4): the catalogue and custom reports, a standard report, a custom report. */
export const reportsRoutes = [reports, standard, custom] as const;
