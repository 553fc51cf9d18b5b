import { FOREIGN, NIL, type RouteCase } from './types.js';

/** A well-formed token nobody was sent: the public routes answer 404 for it. */
const UNKNOWN_TOKEN = 'walk-unknown-token-00000000000000000000000';

export const REGISTRATION_CASES: Record<string, RouteCase> = {
  'GET /api/v1/auth/invitations/:token': { params: { token: UNKNOWN_TOKEN } },
  'POST /api/v1/auth/register': {
    body: { token: UNKNOWN_TOKEN, firstName: 'Walk', lastName: 'Register', password: 'a-long-walk-password' },
  },
  'POST /api/v1/auth/invitations/resend': { body: { token: UNKNOWN_TOKEN } },
  'POST /api/v1/users/:userId/invitation': { params: { userId: FOREIGN.user } },
  'POST /api/v1/auth/verify-email': { body: { token: UNKNOWN_TOKEN } },
  'POST /api/v1/auth/verify-email/resend': { body: { token: UNKNOWN_TOKEN } },
  // The first call creates the account, the others answer 409 ACCOUNT_EXISTS: none is an authorization answer.
  'POST /api/v1/auth/sign-up': {
    body: {
      email: 'walk.sign-up@contoso.example',
      firstName: 'Walk',
      lastName: 'Sign-up',
      password: 'a-long-walk-password',
      country: 'SE',
    },
  },
  'GET /api/v1/organization': {},
  // Re-states the current setting: allowed for an Administrator without changing what other walks see.
  'PATCH /api/v1/organization': { body: { selfSignUp: true } },
  'PATCH /api/v1/operator/organizations/:organizationId': { params: { organizationId: NIL }, body: { country: 'SE' } },
};
