import { FOREIGN, type RouteCase } from './types.js';

/** The audit view: another organization's Licensing ID as a filter is 404, like one that does not exist. */
export const AUDIT_CASES: Record<string, RouteCase> = {
  'GET /api/v1/audit': { query: `licensingId=${FOREIGN.licensingId}&limit=5` },
  'GET /api/v1/audit/export': { query: `licensingId=${FOREIGN.licensingId}` },
  'GET /api/v1/operator/audit': { query: 'limit=5' },
  'GET /api/v1/operator/audit/export': { query: 'action=order.ingest' },
};
