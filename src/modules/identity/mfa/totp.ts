import { generateSecret, generateURI, verify } from 'otplib';

/** Authenticator apps' defaults (SHA-1, six digits, 30 s), which every app reads from the URI. */
export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after the current one is accepted too (clocks drift, people type slowly). */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export const ISSUER = 'Licensing Service Center';

export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, email: string): string => generateURI({ issuer: ISSUER, label: email, secret });

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a six-digit code at `now`. A code of a step at or before `lastUsedStep` was accepted once
 * already (or is older than one that was) and is refused as replayed.
 */
export async function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): Promise<TotpCheck> {
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'wrong' };
  if (lastUsedStep !== null && result.timeStep <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: result.timeStep };
}
