import { createRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/ComingSoon';
import { appRoute } from '../base';

/** The Licenses area beyond the Relationship Summary: License Summary and the Licensing ID reports. */
const licenseSummary = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/license-summary',
  component: () => <ComingSoon titleKey="nav.licenseSummary" />,
});

export const licensesRoutes = [licenseSummary] as const;
