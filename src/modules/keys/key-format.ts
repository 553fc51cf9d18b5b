/**
 * Product keys are 25 characters in five groups of five (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX). The
 * alphabet leaves out vowels (no words) and the easily confused 0/O, 1/I/L, 5/S, so a key read
 * aloud or typed from a sleeve survives. The 25th character is a check character over the other 24
 * that catches every single mistyped character and every swap of two different neighbours.
 */
export const KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';
export const KEY_GROUPS = 5;
export const KEY_GROUP_LENGTH = 5;
const KEY_LENGTH = KEY_GROUPS * KEY_GROUP_LENGTH;

const N = KEY_ALPHABET.length;
const indexOf = (c: string) => KEY_ALPHABET.indexOf(c);

/*
 * Why not Luhn mod 24: over a cyclic group of even order no weighting catches every transposition
 * (Luhn misses the swap of the first and last character of the alphabet). Over GF(8) × Z3, which
 * also has 24 elements, the map σ(g, t) = (α·g, 2·t) with α a generator of GF(8)* is
 * anti-symmetric: a + σ(b) = b + σ(a) only when a = b. A key is valid when Σ σ^i(c_i) = 0.
 */
const mulAlpha = (g: number) => {
  const y = g << 1;
  return y & 0b1000 ? y ^ 0b1011 : y; // reduce by x³ + x + 1
};
function weighted(v: number, position: number): [number, number] {
  let g = v % 8;
  let t = Math.floor(v / 8);
  for (let i = 0; i < position % 14; i++) {
    g = mulAlpha(g);
    t = (2 * t) % 3;
  }
  return [g, t];
}
function sum(chars: string): [number, number] {
  let g = 0;
  let t = 0;
  for (let i = 0; i < chars.length; i++) {
    const v = indexOf(chars[i] ?? '');
    if (v < 0) throw new Error(`not a key character: ${chars[i]}`);
    const [wg, wt] = weighted(v, i);
    g ^= wg;
    t = (t + wt) % 3;
  }
  return [g, t];
}

/** The character that completes the 24 before it to a valid key. */
export function checkCharacter(body: string): string {
  const [g, t] = sum(body);
  for (const c of KEY_ALPHABET) {
    const [wg, wt] = weighted(indexOf(c), body.length);
    if ((g ^ wg) === 0 && (t + wt) % 3 === 0) return c;
  }
  throw new Error('unreachable: σ is a bijection');
}

function group(chars: string): string {
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += KEY_GROUP_LENGTH) parts.push(chars.slice(i, i + KEY_GROUP_LENGTH));
  return parts.join('-');
}

/**
 * A new key from random bytes (the caller passes crypto.randomBytes, tests a fixed buffer). Each
 * byte is reduced by rejection, so every character is equally likely.
 */
export function generateKey(randomBytes: (n: number) => Uint8Array): string {
  const body: string[] = [];
  const limit = 256 - (256 % N);
  while (body.length < KEY_LENGTH - 1) {
    for (const b of randomBytes(32)) {
      if (b >= limit) continue;
      body.push(KEY_ALPHABET[b % N] ?? '');
      if (body.length === KEY_LENGTH - 1) break;
    }
  }
  const chars = body.join('');
  return group(chars + checkCharacter(chars));
}

export type KeyParse = { ok: true; key: string } | { ok: false; reason: 'SHAPE' | 'CHECK' };

/**
 * A key as typed: case, spaces and dashes do not matter. Returns the canonical grouped form, or why
 * it is not a key: the wrong shape (length, characters) or a check character that does not match.
 */
export function parseKey(input: string): KeyParse {
  const chars = input.toUpperCase().replace(/[\s-]/g, '');
  if (chars.length !== KEY_LENGTH || [...chars].some((c) => indexOf(c) < 0)) return { ok: false, reason: 'SHAPE' };
  if (checkCharacter(chars.slice(0, -1)) !== chars.slice(-1)) return { ok: false, reason: 'CHECK' };
  return { ok: true, key: group(chars) };
}

/** What the portal and the key-request form show of a key (R-PERM-13 asks for these five). */
export const lastFive = (key: string) => key.replace(/-/g, '').slice(-5);
