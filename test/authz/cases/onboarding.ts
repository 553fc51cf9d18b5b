import { NIL, type RouteCase } from './types.js';

/** The publisher's back office for customers (issue 12, R-REL-6): every route is the operator's. */
export const ONBOARDING_CASES: Record<string, RouteCase> = {
  'POST /api/v1/operator/agreements': {
    body: {
      organization: { name: 'Walk Customer', domains: ['walk-customer.example'], country: 'SE' },
      number: 'WALK-EA-1',
      program: 'ENTERPRISE',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      mbsaNumber: 'WALK-MBSA-1',
      licensingIds: [{ number: 'WALK-ENR-1', name: 'Walk enrollment' }],
      contacts: [{ type: 'PRIMARY_CONTACT', name: 'Walk Contact', email: 'contact@walk-customer.example' }],
    },
  },
  'GET /api/v1/operator/agreements/:agreementId': { params: { agreementId: NIL } },
  'GET /api/v1/operator/organizations': { query: 'q=contoso' },
  'GET /api/v1/operator/organizations/:organizationId': { params: { organizationId: NIL } },
  'PUT /api/v1/operator/agreements/:agreementId/contacts/:type': {
    params: { agreementId: NIL, type: 'ONLINE_SERVICES_MANAGER' },
    body: { name: 'Walk Contact', email: 'osm@walk-customer.example' },
  },
  'POST /api/v1/operator/agreements/:agreementId/ownership': { params: { agreementId: NIL }, body: { organizationId: NIL } },
  'POST /api/v1/operator/licensing-ids/:licensingId/renewal': { body: { endDate: '2035-12-31' } },
  'POST /api/v1/operator/expiry': {},
};
