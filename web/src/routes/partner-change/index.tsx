import { createRoute } from '@tanstack/react-router';
import { searchText } from '../../lib/searchParams';
import { appRoute } from '../base';
import { PartnerChangePage } from './customer-detail';
import { PartnerChangesPage } from './customer-list';
import { IncomingPartnerChangePage, IncomingPartnerChangesPage } from './incoming';
import { NewPartnerChangePage } from './new-change';

const list = createRoute({ getParentRoute: () => appRoute, path: '/licenses/partner-changes', component: PartnerChangesPage });

const start = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/partner-changes/new',
  // ?licensingId=… : the Licensing ID report links here with its Licensing ID chosen.
  validateSearch: (search: Record<string, unknown>): { licensingId?: string } => ({ licensingId: searchText(search.licensingId, 40) }),
  component: NewPartnerChangePage,
});

const detail = createRoute({
  getParentRoute: () => appRoute,
  path: '/licenses/partner-changes/$changeId',
  component: PartnerChangePage,
});

const incoming = createRoute({ getParentRoute: () => appRoute, path: '/partner-change/incoming', component: IncomingPartnerChangesPage });

const incomingOne = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner-change/incoming/$changeId',
  component: IncomingPartnerChangePage,
});

/** R-REL-6, change of channel partner: the customer's pages under Licenses, and the new partner's requests. */
export const partnerChangeRoutes = [list, start, detail, incoming, incomingOne] as const;
