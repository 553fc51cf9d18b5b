import { NIL, type RouteCase } from './types.js';

/** The standard and custom reports (R-REP-1…4): every route is the signed-in user's; the query is scoped by the report's action. */
export const REPORTS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/reports': {},
  'POST /api/v1/reports/:report/run': { params: { report: 'licenses-and-services' }, body: { filters: {} } },
  'GET /api/v1/reports/:report/export': { params: { report: 'agreements' }, query: 'format=csv' },
  'GET /api/v1/custom-reports': {},
  'POST /api/v1/custom-reports': {
    body: { baseReport: 'agreements', name: 'Walk report', filters: {}, columns: ['agreementNumber', 'licensingId'] },
  },
  'GET /api/v1/custom-reports/:id': { params: { id: NIL } },
  'PATCH /api/v1/custom-reports/:id': { params: { id: NIL }, body: { name: 'Walked' } },
  'DELETE /api/v1/custom-reports/:id': { params: { id: NIL } },
  'POST /api/v1/custom-reports/:id/run': { params: { id: NIL }, body: {} },
  'GET /api/v1/custom-reports/:id/export': { params: { id: NIL }, query: 'format=xlsx' },
};
