import { FOREIGN, NIL, type RouteCase } from './types.js';

/**
 * R-REL-6, change of channel partner. The customer's routes are scoped by the service (a foreign
 * Licensing ID in the body answers 404); the partner's routes refuse every Contoso user (they are
 * not a channel partner's); the sweep is the operator's.
 */
export const PARTNER_CHANGE_CASES: Record<string, RouteCase> = {
  'GET /api/v1/partner-changes/licensing-ids': {},
  'POST /api/v1/partner-changes': {
    body: { licensingIds: [FOREIGN.licensingId], partnerNumber: 'P-100200', contact: { name: 'Walk', email: 'walk@adatum.example' } },
  },
  'GET /api/v1/partner-changes': {},
  'GET /api/v1/partner-changes/:changeId': { params: { changeId: NIL } },
  'POST /api/v1/partner-changes/:changeId/cancel': { params: { changeId: NIL } },
  'GET /api/v1/partner-changes/:changeId/form': { params: { changeId: NIL } },
  'GET /api/v1/partner-change-requests': {},
  'GET /api/v1/partner-change-requests/:changeId': { params: { changeId: NIL } },
  'POST /api/v1/partner-change-requests/:changeId/accept': { params: { changeId: NIL } },
  'POST /api/v1/partner-change-requests/:changeId/decline': { params: { changeId: NIL } },
  'GET /api/v1/partner-change-requests/:changeId/form': { params: { changeId: NIL } },
  'POST /api/v1/operator/partner-changes/sweep': {},
};
