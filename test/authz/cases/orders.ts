import { NIL, type RouteCase } from './types.js';

/** Catalog, order ingestion, License Summary and the Licensing ID reports. */
export const ORDERS_CASES: Record<string, RouteCase> = {
  'POST /api/v1/operator/product-families': { body: { name: 'Walk family' } },
  'GET /api/v1/operator/product-families': {},
  'POST /api/v1/operator/products': {
    body: { code: 'WALK-1', familyId: NIL, name: 'Walk product', version: '1', pool: 'APPLICATIONS', category: 'Walk' },
  },
  'GET /api/v1/operator/products': { query: 'pool=SERVERS' },
  'GET /api/v1/catalog/families': {},
  'GET /api/v1/catalog/products': { query: 'q=office' },
  'GET /api/v1/catalog/products/:productId': { params: { productId: NIL } },
  'POST /api/v1/operator/orders': {
    body: {
      orderNumber: 'WALK-ORDER-1',
      orderDate: '2026-01-15',
      licensingId: { program: 'ENTERPRISE', number: '67012345' },
      lines: [{ product: 'OFF-PP-2024', licenseType: 'LSA', quantity: 1, coverageStart: '2026-02-01', coverageEnd: '2027-06-30' }],
    },
  },
  'GET /api/v1/license-summary': { query: 'status=all' },
  'GET /api/v1/license-summary/export': { query: 'format=xlsx' },
  'GET /api/v1/licensing-ids/:licensingId/report': {},
  'GET /api/v1/licensing-ids/:licensingId/parent-report': {},
  'GET /api/v1/licensing-ids/:licensingId/mbsa-report': {},
};
