const ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * The bytes of a base64url text, or null unless the text is their one canonical spelling. Node's
 * decoder is lenient: it skips characters outside the alphabet, accepts `+` and `/` and padding,
 * and ignores the unused low bits of the last character, so several texts decode to the same
 * bytes. A signature compared as decoded bytes would then hold in every such spelling; decoding,
 * re-encoding and requiring the same text leaves exactly one.
 */
export function decodeCanonicalBase64url(text: string): Buffer | null {
  if (!ALPHABET.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
