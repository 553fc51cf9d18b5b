import { NIL, type RouteCase } from './types.js';

/** The provisioning delivery log is the publisher's back office: operator only, every other caller 403. */
export const PROVISIONING_CASES: Record<string, RouteCase> = {
  'GET /api/v1/operator/provisioning/events': { query: 'state=FAILED&limit=5' },
  'GET /api/v1/operator/provisioning/events/:eventId': { params: { eventId: NIL } },
  'POST /api/v1/operator/provisioning/events/:eventId/redeliver': { params: { eventId: NIL } },
};
