import { createRoute } from '@tanstack/react-router';
import { ComingSoon } from '../../components/ComingSoon';
import { appRoute } from '../base';

/** The Administration area (My Permissions, Manage Users, requests, Add Open License, …). */
const administrationHome = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration',
  component: () => <ComingSoon titleKey="nav.administration" />,
});

export const administrationRoutes = [administrationHome] as const;
