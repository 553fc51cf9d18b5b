import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Product keys at rest: AES-256-GCM under a key derived from KEY_ENCRYPTION_KEY, with the key's row
 * id as associated data so a ciphertext copied onto another row does not decrypt. Activation finds
 * a key by an HMAC of its value (derived separately), so the database never holds a key in clear
 * and a stolen table cannot be searched for a known key without the secret.
 */
export interface KeyVault {
  encrypt(productKey: string, rowId: string): string;
  decrypt(sealed: string, rowId: string): string;
  lookupHash(productKey: string): string;
}

export function createKeyVault(keyEncryptionKey: Buffer): KeyVault {
  if (keyEncryptionKey.length !== 32) throw new Error('KEY_ENCRYPTION_KEY must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), info, 32));
  const aesKey = derive('lsc product-key encryption v1');
  const macKey = derive('lsc product-key lookup v1');
  return {
    encrypt(productKey, rowId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(rowId));
      const body = Buffer.concat([cipher.update(productKey, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed, rowId) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(rowId));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    lookupHash: (productKey) => createHmac('sha256', macKey).update(productKey).digest('hex'),
  };
}
