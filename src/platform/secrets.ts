import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

export interface Secrets {
  /** AES-256 key for product keys at rest. */
  keyEncryptionKey: Buffer;
  /** Ed25519 key that signs activation certificates; its public half is published. */
  signingKey: KeyObject;
  signingPublicKeyPem: string;
  /** Standard Webhooks secret ("whsec_" + base64) that signs the webhooks to the provisioning system. */
  provisioningWebhookSecret: string;
}

/** A secret kept in a file only its owner reads (0600): read, or created once with `create`. */
export async function readOrCreateSecret(file: string, create: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = create();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** Secrets come from the environment; when absent they are generated once into DATA_DIR and kept. */
export async function loadSecrets(config: Config): Promise<Secrets> {
  const dir = path.resolve(config.DATA_DIR);
  await mkdir(dir, { recursive: true });
  const kek =
    config.KEY_ENCRYPTION_KEY ?? (await readOrCreateSecret(path.join(dir, 'key-encryption.key'), () => randomBytes(32).toString('hex')));
  const signingPem =
    config.SIGNING_KEY?.replaceAll('\\n', '\n') ??
    (await readOrCreateSecret(path.join(dir, 'signing-key.pem'), () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    ));
  const provisioningWebhookSecret =
    config.PROVISIONING_WEBHOOK_SECRET ??
    (await readOrCreateSecret(path.join(dir, 'provisioning-webhook.secret'), () => `whsec_${randomBytes(32).toString('base64')}`));
  const signingKey = createPrivateKey(signingPem);
  if (signingKey.asymmetricKeyType !== 'ed25519') throw new Error('SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM)');
  return {
    keyEncryptionKey: Buffer.from(kek, 'hex'),
    signingKey,
    signingPublicKeyPem: createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(),
    provisioningWebhookSecret,
  };
}
