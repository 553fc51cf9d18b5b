import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../base';
import { PartnerDetailPage } from './detail';
import { PartnersPage } from './list';
import { RegisterPartnerPage } from './register';

const list = createRoute({ getParentRoute: () => appRoute, path: '/operator/partners', component: PartnersPage });
const register = createRoute({ getParentRoute: () => appRoute, path: '/operator/partners/new', component: RegisterPartnerPage });
const detail = createRoute({ getParentRoute: () => appRoute, path: '/operator/partners/$partnerId', component: PartnerDetailPage });

/** The publisher's register of channel partners (issue 12, R-REL-6). */
export const partnerBackofficeRoutes = [list, register, detail] as const;
