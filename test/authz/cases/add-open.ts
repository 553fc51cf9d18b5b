import { FOREIGN, type RouteCase } from './types.js';

export const ADD_OPEN_CASES: Record<string, RouteCase> = {
  // An unknown pair: each walk user records one failure, far from the suspension limit.
  'POST /api/v1/open-licenses': { body: { licenseNumber: 'V0000000', authorizationNumber: 'WALK', acknowledge: true } },
  'GET /api/v1/licensing-ids/:licensingId/add-open': {},
  'PATCH /api/v1/licensing-ids/:licensingId/add-open': { body: { enabled: true } },
  'POST /api/v1/operator/licensing-ids/:licensingId/resellers': {
    body: { email: 'walk-reseller@adatum.example', firstName: 'Walk', lastName: 'Reseller' },
  },
  'POST /api/v1/reseller-access/deny': { body: { token: 'x'.repeat(43) } },
  'GET /api/v1/licensing-ids/:licensingId/resellers': {},
  'DELETE /api/v1/licensing-ids/:licensingId/resellers/:userId': { params: { userId: FOREIGN.user } },
};
