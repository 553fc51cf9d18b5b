import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { openSealedValue } from './sealed-format.js';
import { openInWorker } from './sealed-worker.js';

const IV_BYTES = 12;

/** A 32-byte key for one purpose, derived from KEY_ENCRYPTION_KEY, so no two uses share a key. */
export function deriveKey(keyEncryptionKey: Buffer, purpose: string): Buffer {
  if (keyEncryptionKey.length !== 32) throw new Error('KEY_ENCRYPTION_KEY must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), purpose, 32));
}

export interface Sealer {
  seal(plain: string, rowId: string): string;
  open(sealed: string, rowId: string): string;
  /** Many at once, off this thread (a long export): the same as `open` on each, in order. */
  openMany(sealed: readonly string[], rowIds: readonly string[]): Promise<string[]>;
}

/**
 * Secrets at rest (product keys, authenticator secrets): AES-256-GCM under a key derived for the
 * purpose, with the row's id as associated data so a ciphertext copied onto another row does not
 * open. The stored form is base64(iv | tag | ciphertext).
 */
export function createSealer(keyEncryptionKey: Buffer, purpose: string): Sealer {
  const key = deriveKey(keyEncryptionKey, purpose);
  return {
    seal(plain, rowId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(rowId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open: (sealed, rowId) => openSealedValue(createDecipheriv, key, sealed, rowId),
    openMany: (sealed, rowIds) => openInWorker(key, sealed, rowIds),
  };
}
