import { isIP } from 'node:net';

/** Pure rules of the second factor of password accounts; the clock is passed in. */

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery';

/** What a user has set up, as the decisions below need it. */
export interface FactorState {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export const hasSecondFactor = (f: FactorState): boolean => f.totp || f.passkeys > 0;

/**
 * What a correct password leads to: a session, the second step with the user's factors, or (the
 * organization requires a factor and the user has none) setting one up first. Recovery codes are
 * a way through the second step, never a factor of their own.
 */
export type AfterPassword =
  | { next: 'session' }
  | { next: 'verify'; methods: SecondFactorMethod[] }
  | { next: 'enrol'; methods: SecondFactorMethod[] };

export function afterPassword(f: FactorState, organizationRequires: boolean, passkeysAvailable: boolean): AfterPassword {
  if (hasSecondFactor(f)) {
    const methods: SecondFactorMethod[] = [];
    if (f.totp) methods.push('totp');
    if (f.passkeys > 0 && passkeysAvailable) methods.push('passkey');
    if (f.recoveryCodesLeft > 0) methods.push('recovery');
    return { next: 'verify', methods };
  }
  if (organizationRequires) return { next: 'enrol', methods: passkeysAvailable ? ['totp', 'passkey'] : ['totp'] };
  return { next: 'session' };
}

/** Removing a factor that is the user's last one while the organization requires one is refused. */
export function mayRemoveFactor(f: FactorState, removing: 'totp' | 'passkey', organizationRequires: boolean): boolean {
  const left = { ...f, totp: removing === 'totp' ? false : f.totp, passkeys: removing === 'passkey' ? f.passkeys - 1 : f.passkeys };
  return !organizationRequires || hasSecondFactor(left);
}

export const isExpired = (expiresAt: Date, now: Date): boolean => expiresAt.getTime() <= now.getTime();

export const minutesAfter = (now: Date, minutes: number): Date => new Date(now.getTime() + minutes * 60_000);

/**
 * The WebAuthn relying party is the portal's public address: its host name is the RP ID and its
 * origin the only one accepted. Browsers refuse an IP address as RP ID, so there passkeys are off.
 */
export interface RelyingParty {
  id: string;
  origin: string;
  available: boolean;
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { id: host, origin: url.origin, available: isIP(host) === 0 };
}

// Recovery codes: 10 characters of an alphabet without look-alikes (0/o, 1/l/i), shown as two groups of five.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 10;

/** A recovery code, each character drawn by `pick(n)` (a uniform integer below n: crypto.randomInt). */
export function recoveryCode(pick: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += ALPHABET[pick(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** How a typed recovery code is compared: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '');
}

/** A TOTP code as typed ("123 456" too): six digits, or null. */
export function normalizeTotpCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
