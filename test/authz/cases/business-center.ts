import { FOREIGN, type RouteCase } from './types.js';

/** R-BC-1, R-PERM-14: the business center's purchasing accounts. */
export const BUSINESS_CENTER_CASES: Record<string, RouteCase> = {
  'GET /api/v1/purchasing-accounts': {},
  'GET /api/v1/purchasing-accounts/:purchasingAccountId': { params: { purchasingAccountId: FOREIGN.purchasingAccount } },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/licensing-ids': {},
};
