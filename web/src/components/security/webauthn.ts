import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';

/** Why the browser did not produce a passkey answer: a translation key under security.passkeys. */
export class PasskeyCeremonyError extends Error {
  constructor(readonly reason: 'cancelled' | 'notSupported' | 'failed') {
    super(reason);
    this.name = 'PasskeyCeremonyError';
  }
}

function ceremonyError(error: unknown): PasskeyCeremonyError {
  if (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED') return new PasskeyCeremonyError('cancelled');
  const name = error instanceof Error ? (error.cause instanceof Error ? error.cause.name : error.name) : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return new PasskeyCeremonyError('cancelled');
  if (name === 'NotSupportedError') return new PasskeyCeremonyError('notSupported');
  return new PasskeyCeremonyError('failed');
}

export const passkeysSupported = () => browserSupportsWebAuthn();

/** Asks the browser (and the authenticator) to create a passkey for these options. */
export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('notSupported');
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}

/** Asks the browser to sign the challenge with one of the allowed passkeys. */
export async function signWithPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON) {
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('notSupported');
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}
