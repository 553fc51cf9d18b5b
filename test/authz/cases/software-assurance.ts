import { NIL, type RouteCase } from './types.js';

// The walk's own Licensing IDs have no SA orders: an activation answers 404 (no such benefit) where the role allows it.
export const SOFTWARE_ASSURANCE_CASES: Record<string, RouteCase> = {
  'GET /api/v1/sa-summary': {},
  'GET /api/v1/sa-summary/export': { query: 'format=csv' },
  'GET /api/v1/licensing-ids/:licensingId/sa-benefits': {},
  'POST /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/activate': { params: { benefit: 'E_LEARNING' } },
  'GET /api/v1/licensing-ids/:licensingId/training-vouchers': {},
  'POST /api/v1/licensing-ids/:licensingId/training-vouchers': {
    body: { employeeName: 'Walk Employee', employeeEmail: 'walk.employee@contoso.example', locale: 'en', days: 1 },
  },
  'POST /api/v1/licensing-ids/:licensingId/training-vouchers/:voucherId/cancel': { params: { voucherId: NIL } },
  'GET /api/v1/licensing-ids/:licensingId/e-learning': {},
  'POST /api/v1/licensing-ids/:licensingId/e-learning/domains': { body: { domain: 'walk.example' } },
  'DELETE /api/v1/licensing-ids/:licensingId/e-learning/domains/:domain': { params: { domain: 'walk.example' } },
  'GET /api/v1/licensing-ids/:licensingId/e-learning/participants': { query: 'domain=contoso.example&limit=5' },
  'DELETE /api/v1/licensing-ids/:licensingId/e-learning/participants/:participantId': { params: { participantId: NIL } },
  'POST /api/v1/e-learning/redeem': { body: { accessCode: 'EL-WALK-WALK-WALK' } },
  'GET /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/users': { params: { benefit: 'HOME_USE_PROGRAM' } },
  'POST /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/users': {
    params: { benefit: 'HOME_USE_PROGRAM' },
    body: { name: 'Walk User', email: 'walk.user@contoso.example', locale: 'en' },
  },
  'PUT /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/users/:userId': {
    params: { benefit: 'HOME_USE_PROGRAM', userId: NIL },
    body: { name: 'Walk User', email: 'walk.user@contoso.example', locale: 'sv' },
  },
  'DELETE /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/users/:userId': { params: { benefit: 'HOME_USE_PROGRAM', userId: NIL } },
  'POST /api/v1/licensing-ids/:licensingId/sa-benefits/:benefit/users/:userId/resend': {
    params: { benefit: 'HOME_USE_PROGRAM', userId: NIL },
  },
  'GET /api/v1/operator/sa-benefit-rules': {},
  'PUT /api/v1/operator/sa-benefit-rules': { body: { rules: [{ benefit: 'E_LEARNING', pools: [], productCodes: [], perLicense: 1 }] } },
  'GET /api/v1/operator/sa-benefits/licensing-ids': { query: 'number=670' },
  'GET /api/v1/operator/licensing-ids/:licensingId/sa-benefits': {},
  // R-SA-5: the publisher's register of training providers; the provider's own routes answer its credential only.
  'GET /api/v1/operator/training-providers': {},
  'POST /api/v1/operator/training-providers': {
    body: { name: 'Walk Training', number: 'TP-WALK', contactEmail: 'walk@training.example', contactLocale: 'en' },
  },
  'POST /api/v1/operator/training-providers/:providerId/credential': { params: { providerId: NIL } },
  'DELETE /api/v1/operator/training-providers/:providerId/credential': { params: { providerId: NIL } },
  'GET /api/v1/training-provider/vouchers/:voucherNumber': { params: { voucherNumber: 'TV-WALK-WALK-WALK' } },
  'POST /api/v1/training-provider/vouchers/:voucherNumber/redeem': { params: { voucherNumber: 'TV-WALK-WALK-WALK' } },
  'POST /api/v1/operator/licensing-ids/:licensingId/sa-benefits/:benefit/hold': {
    params: { benefit: 'E_LEARNING' },
    body: { reason: 'Walk: payment overdue' },
  },
  'POST /api/v1/operator/licensing-ids/:licensingId/sa-benefits/:benefit/release': {
    params: { benefit: 'E_LEARNING' },
    body: { reason: 'Walk: payment received' },
  },
};
