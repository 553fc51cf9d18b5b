import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { ExportsPage } from './exports';

const exportsPage = createRoute({ getParentRoute: () => appRoute, path: '/exports', component: ExportsPage });

export const exportsRoutes = [exportsPage];
