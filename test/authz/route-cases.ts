/**
 * How to call each API route in the generated authorization walk. A route missing here fails the
 * walk, so every new route is walked for every role and both organizations.
 * `:licensingId` is replaced by the own or the foreign Licensing ID; other params by `params`.
 */
export interface RouteCase {
  body?: unknown;
  query?: string;
  params?: Record<string, string>;
  /** Walk this route after all others (it ends the sessions the walk uses). */
  last?: boolean;
}

const NIL = '00000000-0000-4000-8000-000000000000';

export const ROUTE_CASES: Record<string, RouteCase> = {
  'GET /api/openapi.json': {},
  'GET /api/health': {},
  'POST /api/v1/auth/sign-in': { body: { email: 'nobody@contoso.example', password: 'x' } },
  'POST /api/v1/auth/sign-out': { last: true },
  'GET /api/v1/me': {},
  'PATCH /api/v1/me': { body: { locale: 'en' } },
  'GET /api/v1/me/tokens': {},
  'POST /api/v1/me/tokens': { body: { name: 'walk' } },
  'DELETE /api/v1/me/tokens/:tokenId': { params: { tokenId: NIL } },
  'GET /api/v1/relationship-summary': { query: 'status=all' },
  'GET /api/v1/licensing-ids': {},
  'GET /api/v1/licensing-ids/:licensingId': {},
  'GET /api/v1/operator/mail': {},
  'GET /api/v1/operator/mail/:mailId/html': { params: { mailId: '1' } },
};
