import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { DomainError } from '../../../platform/errors.js';
import type { RelyingParty } from './rules.js';
import { ISSUER } from './totp.js';

/** How long the browser may take to talk to the authenticator. */
export const WEBAUTHN_TIMEOUT_MS = 120_000;

/** The WebAuthn library, loaded with the first passkey ceremony rather than at start (it is large). */
const webauthn = () => import('@simplewebauthn/server');

export interface StoredPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

export const passkeyRefused = () =>
  new DomainError('PASSKEY_NOT_VERIFIED', 400, 'The passkey could not be verified. Try again, or use another way to sign in.');

export const passkeysUnavailable = () =>
  new DomainError(
    'PASSKEYS_UNAVAILABLE',
    409,
    'Passkeys need the service center to be reached by a host name (PUBLIC_URL), not an IP address. Use an authenticator app.',
  );

function uuidBytes(id: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(id.replaceAll('-', ''), 'hex'));
}

/**
 * Options for registering a passkey as a second factor. The password comes first, so user
 * verification is preferred, not required; a key already registered is excluded.
 */
export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
  existing: StoredPasskey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (!rp.available) throw passkeysUnavailable();
  return webauthn().then(({ generateRegistrationOptions }) =>
    generateRegistrationOptions({
      rpName: ISSUER,
      rpID: rp.id,
      userName: user.email,
      userDisplayName: user.name || user.email,
      userID: uuidBytes(user.id),
      timeout: WEBAUTHN_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    }),
  );
}

export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  expectedChallenge: (challenge: string) => boolean | Promise<boolean>,
): Promise<StoredPasskey> {
  if (!rp.available) throw passkeysUnavailable();
  const { verifyRegistrationResponse } = await webauthn();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) throw passkeyRefused();
  const { credential } = verified.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
  };
}

export function authenticationOptions(rp: RelyingParty, passkeys: StoredPasskey[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (!rp.available) throw passkeysUnavailable();
  return webauthn().then(({ generateAuthenticationOptions }) =>
    generateAuthenticationOptions({
      rpID: rp.id,
      timeout: WEBAUTHN_TIMEOUT_MS,
      userVerification: 'preferred',
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    }),
  );
}

/** Verifies an assertion by one of the user's passkeys; returns the authenticator's new counter. */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  passkey: StoredPasskey,
): Promise<number> {
  if (!rp.available) throw passkeysUnavailable();
  const { verifyAuthenticationResponse } = await webauthn();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports,
    },
  }).catch(() => null);
  if (!verified?.verified) throw passkeyRefused();
  return verified.authenticationInfo.newCounter;
}
