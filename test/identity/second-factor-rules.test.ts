import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  afterPassword,
  mayRemoveFactor,
  normalizeRecoveryCode,
  normalizeTotpCode,
  recoveryCode,
  relyingParty,
} from '../../src/modules/identity/mfa/rules.js';
import { createSealer } from '../../src/platform/sealed.js';

const none = { totp: false, passkeys: 0, recoveryCodesLeft: 0 };

describe('second factor rules', () => {
  it('after the password: a session without a factor, the second step with one, enrolment when the organization requires one', () => {
    expect(afterPassword(none, false, true)).toEqual({ next: 'session' });
    expect(afterPassword(none, true, true)).toEqual({ next: 'enrol', methods: ['totp', 'passkey'] });
    expect(afterPassword(none, true, false)).toEqual({ next: 'enrol', methods: ['totp'] });
    expect(afterPassword({ totp: true, passkeys: 2, recoveryCodesLeft: 3 }, false, true)).toEqual({
      next: 'verify',
      methods: ['totp', 'passkey', 'recovery'],
    });
    // Recovery codes alone are no factor; spent codes are no way through.
    expect(afterPassword({ ...none, recoveryCodesLeft: 5 }, false, true)).toEqual({ next: 'session' });
    expect(afterPassword({ totp: true, passkeys: 0, recoveryCodesLeft: 0 }, true, true)).toEqual({ next: 'verify', methods: ['totp'] });
    // Passkeys registered while the address was a host name are not offered at an IP address.
    expect(afterPassword({ totp: false, passkeys: 1, recoveryCodesLeft: 2 }, false, false)).toEqual({
      next: 'verify',
      methods: ['recovery'],
    });
  });

  it('the last factor cannot be removed while the organization requires one; any other can', () => {
    const both = { totp: true, passkeys: 1, recoveryCodesLeft: 10 };
    expect(mayRemoveFactor(both, 'totp', true)).toBe(true);
    expect(mayRemoveFactor({ ...both, passkeys: 0 }, 'totp', true)).toBe(false);
    expect(mayRemoveFactor({ ...both, passkeys: 0 }, 'totp', false)).toBe(true);
    expect(mayRemoveFactor({ ...both, totp: false }, 'passkey', true)).toBe(false);
    expect(mayRemoveFactor({ ...both, totp: false, passkeys: 2 }, 'passkey', true)).toBe(true);
  });

  it('the relying party is PUBLIC_URL’s host and origin; an IP address has none (browsers refuse it)', () => {
    expect(relyingParty('https://licensing.example.com')).toEqual({
      id: 'licensing.example.com',
      origin: 'https://licensing.example.com',
      available: true,
    });
    expect(relyingParty('http://localhost:3000')).toEqual({ id: 'localhost', origin: 'http://localhost:3000', available: true });
    expect(relyingParty('http://127.0.0.1:3000').available).toBe(false);
    expect(relyingParty('http://[::1]:3000').available).toBe(false);
  });

  it('recovery codes: ten characters without look-alikes in two groups; typed in any case, with or without the dash', () => {
    const codes = Array.from({ length: 200 }, () => recoveryCode(randomInt));
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(normalizeRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcde fghjk')).toBe('abcdefghjk');
    expect(normalizeTotpCode('123 456')).toBe('123456');
    expect(normalizeTotpCode('12345')).toBeNull();
    expect(normalizeTotpCode('12345a')).toBeNull();
  });

  it('secrets at rest: sealed per purpose under the key-encryption key and bound to their row', () => {
    const kek = Buffer.alloc(32, 7);
    const totp = createSealer(kek, 'lsc totp-secret v1');
    const sealed = totp.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(totp.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(() => totp.open(sealed, 'user-2')).toThrow();
    expect(() => createSealer(kek, 'lsc product-key encryption v1').open(sealed, 'user-1')).toThrow();
  });
});
