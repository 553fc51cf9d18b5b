import { FOREIGN, type RouteCase } from './types.js';

/** A well-formed reset token nobody was sent: the public routes answer 404 for it. */
const UNKNOWN_TOKEN = 'walk-unknown-reset-token-000000000000000000';

export const RECOVERY_CASES: Record<string, RouteCase> = {
  // An address without an account: the same 202 as any other (later calls are rate limited, 429).
  'POST /api/v1/auth/password-reset/request': { body: { email: 'walk.nobody@contoso.example' } },
  'POST /api/v1/auth/password-reset/check': { body: { token: UNKNOWN_TOKEN } },
  'POST /api/v1/auth/password-reset': { body: { token: UNKNOWN_TOKEN, password: 'a-long-walk-password-2' } },
  'GET /api/v1/me/password': {},
  // A wrong current password: refused (400), so no walk user's password or sessions change.
  'PUT /api/v1/me/password': { body: { currentPassword: 'not-the-walk-password', newPassword: 'a-long-walk-password-2' } },
  'GET /api/v1/users/:userId/account': { params: { userId: FOREIGN.user } },
  'POST /api/v1/users/:userId/password-reset': { params: { userId: FOREIGN.user } },
  'PATCH /api/v1/users/:userId/name': { params: { userId: FOREIGN.user }, body: { firstName: 'Walk', lastName: 'Renamed' } },
};
