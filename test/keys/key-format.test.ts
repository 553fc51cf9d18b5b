import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyVault } from '../../src/modules/keys/key-crypto.js';
import { checkCharacter, generateKey, KEY_ALPHABET, lastFive, parseKey } from '../../src/modules/keys/key-format.js';

const bodyArb = fc.array(fc.constantFrom(...KEY_ALPHABET), { minLength: 24, maxLength: 24 }).map((cs) => cs.join(''));
const keyOf = (body: string) => `${body}${checkCharacter(body)}`;

describe('product key format', () => {
  it('R-KEY-2: a key is five groups of five characters from an unambiguous alphabet, the last a check character', () => {
    for (let i = 0; i < 200; i++) {
      const key = generateKey(randomBytes);
      expect(key).toMatch(/^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){4}$/);
      expect(parseKey(key)).toEqual({ ok: true, key });
    }
    expect(KEY_ALPHABET).not.toMatch(/[AEIOU01L5S]/);
  });

  it('R-KEY-2: case, spaces and dashes do not matter when a key is typed', () => {
    const key = generateKey(randomBytes);
    expect(parseKey(` ${key.toLowerCase().replaceAll('-', ' ')} `)).toEqual({ ok: true, key });
    expect(parseKey(key.replaceAll('-', ''))).toEqual({ ok: true, key });
    expect(lastFive(key)).toBe(key.slice(-5));
  });

  it('R-KEY-2: the check character catches every single mistyped character', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat(24), fc.constantFrom(...KEY_ALPHABET), (body, at, c) => {
        const key = keyOf(body);
        fc.pre(key[at] !== c);
        const typo = key.slice(0, at) + c + key.slice(at + 1);
        expect(parseKey(typo)).toEqual({ ok: false, reason: 'CHECK' });
      }),
      { numRuns: 2000 },
    );
  });

  it('R-KEY-2: the check character catches every swap of two different neighbours', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat(23), (body, at) => {
        const key = keyOf(body);
        fc.pre(key[at] !== key[at + 1]);
        const swapped = key.slice(0, at) + key[at + 1] + key[at] + key.slice(at + 2);
        expect(parseKey(swapped).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('malformed input is told apart from a wrong check character', () => {
    expect(parseKey('')).toEqual({ ok: false, reason: 'SHAPE' });
    expect(parseKey('BCDFG-HJKMP-QRTVW-XY234-6789')).toEqual({ ok: false, reason: 'SHAPE' });
    expect(parseKey('ACDFG-HJKMP-QRTVW-XY234-67892')).toEqual({ ok: false, reason: 'SHAPE' });
    expect(parseKey(`${generateKey(randomBytes)}B`)).toEqual({ ok: false, reason: 'SHAPE' });
  });

  it('generation is uniform over the alphabet (rejection sampling, no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const c of generateKey(randomBytes).replaceAll('-', '').slice(0, 24)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (2000 * 24) / KEY_ALPHABET.length;
    for (const c of KEY_ALPHABET) expect(Math.abs((counts.get(c) ?? 0) - expected) / expected).toBeLessThan(0.1);
  });
});

describe('product keys at rest', () => {
  const vault = createKeyVault(randomBytes(32));
  const key = generateKey(randomBytes);

  it('R-KEY-9: a key is stored encrypted (AES-256-GCM), bound to its row, and found by a keyed hash', () => {
    const sealed = vault.encrypt(key, 'row-1');
    expect(sealed).not.toContain(key.slice(0, 5));
    expect(vault.decrypt(sealed, 'row-1')).toBe(key);
    expect(vault.encrypt(key, 'row-1')).not.toBe(sealed);
    expect(() => vault.decrypt(sealed, 'row-2')).toThrow();
    const tampered = Buffer.from(sealed, 'base64');
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => vault.decrypt(tampered.toString('base64'), 'row-1')).toThrow();
    expect(vault.lookupHash(key)).toBe(vault.lookupHash(key));
    expect(vault.lookupHash(key)).not.toBe(createKeyVault(randomBytes(32)).lookupHash(key));
  });

  it('refuses a key-encryption key of the wrong size', () => {
    expect(() => createKeyVault(randomBytes(16))).toThrow();
  });
});
