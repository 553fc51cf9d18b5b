import type { KeyObject } from 'node:crypto';

type Decipher = typeof import('node:crypto').createDecipheriv;

/**
 * Opens base64(iv | tag | ciphertext) sealed for `rowId`: the one reading of the stored form, used
 * by `open` and, as its source text, by the worker that opens many at once. It therefore names
 * nothing outside its parameters (not even its sizes: 12-byte iv, 16-byte tag).
 */
export function openSealedValue(decipherWith: Decipher, key: Buffer | KeyObject, sealed: string, rowId: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = decipherWith('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(rowId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
