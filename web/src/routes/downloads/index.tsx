import { createRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/ComingSoon';
import { appRoute } from '../base';

/** Downloads and Keys: the download catalog, product keys and key requests. */
const downloadsHome = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads',
  component: () => <ComingSoon titleKey="nav.downloads" />,
});

export const downloadsRoutes = [downloadsHome] as const;
