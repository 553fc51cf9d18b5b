import { NIL, type RouteCase } from './types.js';

/** R-BC-4, R-BC-5, R-BC-6: a purchasing account's order history, inventory and self-provisioning. */
export const BC_ORDERS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/orders': { query: 'orderType=NEW' },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/orders/export': { query: 'format=csv' },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/inventory': {},
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/online-service-plans': {},
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/self-provisioning': {},
  // An agreement not the account's: refused after authorization, nothing requested.
  'POST /api/v1/purchasing-accounts/:purchasingAccountId/self-provisioning': {
    body: { licensingId: NIL, productId: NIL, quantity: 1, commitToOrder: true },
  },
  'POST /api/v1/purchasing-accounts/:purchasingAccountId/self-provisioning/:requestId/cancel': { params: { requestId: NIL } },
  'GET /api/v1/partner/self-provisioning': {},
  'PUT /api/v1/operator/online-service-prices/:productId': {
    params: { productId: NIL },
    body: { effectiveFrom: '2026-01-01', unitPrice: 1, currency: 'USD' },
  },
};
