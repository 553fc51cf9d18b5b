import { NIL, type RouteCase } from './types.js';

// The walk's Licensing IDs have no online-service order: a resend answers 409 NO_ONLINE_SERVICE_ORDER
// where the role allows it; an unknown link or key answers 404, an account nobody holds 404.
const LINK = 'walk-activation-link-token-that-matches-nothing';
export const ONLINE_SERVICES_CASES: Record<string, RouteCase> = {
  'GET /api/v1/online-services': {},
  'POST /api/v1/licensing-ids/:licensingId/online-services/:productId/activation-mail': { params: { productId: NIL }, body: {} },
  // Not linked to an account: 409 ENROLLMENT_NOT_LINKED where the role allows (services.activate), 403 elsewhere, 404 abroad.
  'GET /api/v1/licensing-ids/:licensingId/online-services/domains': {},
  'POST /api/v1/licensing-ids/:licensingId/online-services/domains': { body: { domain: 'contoso.example' } },
  'DELETE /api/v1/licensing-ids/:licensingId/online-services/domains/:domain': { params: { domain: 'contoso.example' } },
  'GET /api/v1/online-services/activation-links/:token': { params: { token: LINK } },
  'POST /api/v1/online-services/activation-links/:token/activate': {
    params: { token: LINK },
    body: { newAccount: { name: 'Walk Tenant', adminEmail: 'walk.admin@contoso.example' } },
  },
  'GET /api/v1/online-services/accounts': {},
  'POST /api/v1/online-services/osa-activations': {
    body: { key: 'BBBBB-BBBBB-BBBBB-BBBBB-BBBBB', account: { newAccount: { name: 'Walk Tenant' } } },
  },
  'POST /api/v1/operator/online-services/enrollments/:licensingId/confirm': {},
  'POST /api/v1/operator/online-services/accounts/:accountId/domains': { params: { accountId: NIL }, body: { domain: 'walk.example' } },
  'PUT /api/v1/operator/online-services/add-ons': { body: { addOn: 'WALK-ADDON', base: 'WALK-BASE' } },
};
