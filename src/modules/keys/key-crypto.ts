import { createHmac } from 'node:crypto';
import { createSealer, deriveKey } from '../../platform/sealed.js';

/**
 * Product keys at rest: sealed under a key derived from KEY_ENCRYPTION_KEY, bound to the key's row
 * id (src/platform/sealed.ts). Activation finds a key by an HMAC of its value (derived separately),
 * so the database never holds a key in clear and a stolen table cannot be searched for a known key
 * without the secret.
 */
export interface KeyVault {
  encrypt(productKey: string, rowId: string): string;
  decrypt(sealed: string, rowId: string): string;
  /** A batch decrypted off this thread, in order (the key file of a million keys). */
  decryptMany(sealed: readonly string[], rowIds: readonly string[]): Promise<string[]>;
  lookupHash(productKey: string): string;
}

export function createKeyVault(keyEncryptionKey: Buffer): KeyVault {
  const sealer = createSealer(keyEncryptionKey, 'lsc product-key encryption v1');
  const macKey = deriveKey(keyEncryptionKey, 'lsc product-key lookup v1');
  return {
    encrypt: (productKey, rowId) => sealer.seal(productKey, rowId),
    decrypt: (sealed, rowId) => sealer.open(sealed, rowId),
    decryptMany: (sealed, rowIds) => sealer.openMany(sealed, rowIds),
    lookupHash: (productKey) => createHmac('sha256', macKey).update(productKey).digest('hex'),
  };
}
