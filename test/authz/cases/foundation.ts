import { FOREIGN, type RouteCase } from './types.js';

export const FOUNDATION_CASES: Record<string, RouteCase> = {
  'GET /api/openapi.json': {},
  'GET /api/health': {},
  'GET /api/health/live': {},
  'GET /api/health/ready': {},
  'POST /api/v1/auth/sign-in': { body: { email: 'nobody@contoso.example', password: 'x' } },
  'POST /api/v1/auth/sign-out': { last: true },
  'GET /api/v1/me': {},
  'PATCH /api/v1/me': { body: { locale: 'en' } },
  'GET /api/v1/me/tokens': {},
  'POST /api/v1/me/tokens': { body: { name: 'walk' } },
  'DELETE /api/v1/me/tokens/:tokenId': { params: { tokenId: FOREIGN.apiToken } },
  'GET /api/v1/relationship-summary': { query: 'status=all' },
  'GET /api/v1/licensing-ids': {},
  'GET /api/v1/licensing-ids/:licensingId': {},
  'GET /api/v1/operator/mail': {},
  'GET /api/v1/operator/mail/viewer': {},
  'GET /api/v1/operator/mail/:mailId/html': { params: { mailId: '1' } },
};
