import { FOREIGN, NIL, type RouteCase } from './types.js';

/** R-PERM-2: the Subscriptions Manager's routes (Subscriptions Manager and Administrator hold subscriptions.assign). */
export const SUBSCRIPTIONS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/subscriptions/licensing-ids': {},
  'GET /api/v1/licensing-ids/:licensingId/subscriptions': {},
  'GET /api/v1/licensing-ids/:licensingId/subscriptions/assignments': { query: 'limit=5' },
  'POST /api/v1/licensing-ids/:licensingId/subscriptions/assignments': {
    body: { productId: NIL, name: 'Walk User', email: 'walk.user@contoso.example', locale: 'en', acknowledgePurchaseObligation: true },
  },
  'POST /api/v1/licensing-ids/:licensingId/subscriptions/assignments/:assignmentId/reassign': {
    params: { assignmentId: FOREIGN.subscriptionAssignment },
    body: { name: 'Walk User', email: 'walk.user@contoso.example', locale: 'sv' },
  },
  'DELETE /api/v1/licensing-ids/:licensingId/subscriptions/assignments/:assignmentId': {
    params: { assignmentId: FOREIGN.subscriptionAssignment },
  },
};
