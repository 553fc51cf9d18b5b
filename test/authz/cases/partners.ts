import { FOREIGN, NIL, type RouteCase } from './types.js';

/** Channel partners (issue 12, R-REL-6): the publisher's register, and what a partner's users do for the customers they serve. */
export const PARTNERS_CASES: Record<string, RouteCase> = {
  'POST /api/v1/operator/partners': {
    body: {
      name: 'Walk Partner',
      country: 'SE',
      domains: ['walk-partner.example'],
      number: 'P-WALK-1',
      notificationEmail: 'orders@walk-partner.example',
    },
  },
  'GET /api/v1/operator/partners': {},
  'GET /api/v1/operator/partners/:partnerId': { params: { partnerId: NIL } },
  'POST /api/v1/operator/partners/:partnerId/users': {
    params: { partnerId: NIL },
    body: { email: 'user@walk-partner.example', firstName: 'Walk', lastName: 'Partner' },
  },
  'PUT /api/v1/operator/agreements/:agreementId/partner': { params: { agreementId: NIL }, body: { partnerId: NIL } },
  'GET /api/v1/partner': {},
  'GET /api/v1/partner/customers': { query: 'limit=5' },
  'GET /api/v1/partner/customers/:organizationId': { params: { organizationId: FOREIGN.organization } },
  'PUT /api/v1/partner/agreements/:agreementId/contacts/:type': {
    params: { agreementId: FOREIGN.agreementRecord, type: 'ONLINE_SERVICES_MANAGER' },
    body: { name: 'Walk Contact', email: 'osm@fabrikam.example' },
  },
};
