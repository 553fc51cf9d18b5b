import { NIL, type RouteCase } from './types.js';

/** Background exports: every signed-in user queues their own; a job id nobody owns is 404 (another user's: test/exports). */
export const EXPORTS_CASES: Record<string, RouteCase> = {
  'POST /api/v1/exports': { body: { kind: 'product-keys', format: 'tsv', params: {} } },
  'GET /api/v1/exports': {},
  'GET /api/v1/exports/:exportId': { params: { exportId: NIL } },
  'GET /api/v1/exports/:exportId/file': { params: { exportId: NIL } },
  'DELETE /api/v1/exports/:exportId': { params: { exportId: NIL } },
};
