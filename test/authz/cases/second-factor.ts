import { FOREIGN, type RouteCase } from './types.js';

/** The second factor: the sign-in's second step (public, with a made-up challenge) and the user's own factors. */
const challenge = 'walk-challenge-that-was-never-issued';

export const SECOND_FACTOR_CASES: Record<string, RouteCase> = {
  'POST /api/v1/auth/sign-in/passkey-options': { body: { challenge } },
  'POST /api/v1/auth/sign-in/second-factor': { body: { challenge, method: 'totp', code: '123456' } },
  'POST /api/v1/auth/sign-in/enrol/totp': { body: { challenge } },
  'POST /api/v1/auth/sign-in/enrol/passkey-options': { body: { challenge } },
  'POST /api/v1/auth/sign-in/enrol': { body: { challenge, method: 'totp', code: '123456' } },
  'GET /api/v1/me/security': {},
  'POST /api/v1/me/security/totp': {},
  'POST /api/v1/me/security/totp/confirm': { body: { code: '123456' } },
  'DELETE /api/v1/me/security/totp': { body: { password: 'walk-password-1' } },
  'POST /api/v1/me/security/passkeys/options': {},
  'POST /api/v1/me/security/passkeys': {
    body: {
      name: 'walk',
      response: { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'AA', attestationObject: 'AA' } },
    },
  },
  'PATCH /api/v1/me/security/passkeys/:passkeyId': { params: { passkeyId: FOREIGN.passkey }, body: { name: 'walk' } },
  'DELETE /api/v1/me/security/passkeys/:passkeyId': { params: { passkeyId: FOREIGN.passkey }, body: { password: 'walk-password-1' } },
  'POST /api/v1/me/security/recovery-codes': { body: { password: 'walk-password-1' } },
};
