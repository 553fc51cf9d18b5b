import { FOREIGN, type RouteCase } from './types.js';

/**
 * R-SA-7, partner permission to manage benefits: a partner asks for another customer's Licensing ID
 * (Fabrikam's, served by Proseware) and acts on Proseware's request to Fabrikam; a Contoso
 * Administrator decides on it. Every one of those is 404, as for a request that does not exist.
 */
export const BENEFIT_DELEGATION_CASES: Record<string, RouteCase> = {
  'POST /api/v1/partner/benefit-delegations': { body: { licensingIds: [FOREIGN.licensingId] } },
  'GET /api/v1/partner/benefit-delegations': {},
  'POST /api/v1/partner/benefit-delegations/:delegationId/withdraw': { params: { delegationId: FOREIGN.benefitDelegation } },
  'GET /api/v1/benefit-delegations': {},
  'POST /api/v1/benefit-delegations/:delegationId/approve': { params: { delegationId: FOREIGN.benefitDelegation } },
  'POST /api/v1/benefit-delegations/:delegationId/deny': { params: { delegationId: FOREIGN.benefitDelegation } },
  'POST /api/v1/benefit-delegations/:delegationId/remove': { params: { delegationId: FOREIGN.benefitDelegation } },
};
