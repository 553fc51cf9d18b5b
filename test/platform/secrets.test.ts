import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadSecrets } from '../../src/platform/secrets.js';

describe('secrets', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'lsc-secrets-'));
    dirs.push(d);
    return d;
  };

  it('generates the key-encryption key and the Ed25519 signing key into DATA_DIR once, private to the owner', async () => {
    const d = await dir();
    const first = await loadSecrets(loadConfig({ DATA_DIR: d }));
    const again = await loadSecrets(loadConfig({ DATA_DIR: d }));
    expect(first.keyEncryptionKey).toHaveLength(32);
    expect(again.keyEncryptionKey.equals(first.keyEncryptionKey)).toBe(true);
    expect(again.signingPublicKeyPem).toEqual(first.signingPublicKeyPem);
    expect((await stat(path.join(d, 'key-encryption.key'))).mode & 0o077).toBe(0);
    expect((await stat(path.join(d, 'signing-key.pem'))).mode & 0o077).toBe(0);
    const message = Buffer.from('activation certificate');
    const signature = sign(null, message, first.signingKey);
    expect(verify(null, message, first.signingPublicKeyPem, signature)).toBe(true);
  });

  it('takes the keys from the environment when given, and refuses a signing key that is not Ed25519', async () => {
    const d = await dir();
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const s = await loadSecrets(loadConfig({ DATA_DIR: d, KEY_ENCRYPTION_KEY: 'ab'.repeat(32), SIGNING_KEY: pem.replaceAll('\n', '\\n') }));
    expect(s.keyEncryptionKey.toString('hex')).toBe('ab'.repeat(32));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(loadSecrets(loadConfig({ DATA_DIR: d, SIGNING_KEY: rsa }))).rejects.toThrow(/Ed25519/);
    expect(() => loadConfig({ KEY_ENCRYPTION_KEY: 'short' })).toThrow(/KEY_ENCRYPTION_KEY/);
  });

  it('the provisioning webhooks’ signing secret: generated once as whsec_ and 32 bytes, private to the owner, or taken from the environment; never shown when refused', async () => {
    const d = await dir();
    const first = await loadSecrets(loadConfig({ DATA_DIR: d }));
    expect(first.provisioningWebhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.provisioningWebhookSecret.slice(6), 'base64')).toHaveLength(32);
    expect((await loadSecrets(loadConfig({ DATA_DIR: d }))).provisioningWebhookSecret).toBe(first.provisioningWebhookSecret);
    expect((await stat(path.join(d, 'provisioning-webhook.secret'))).mode & 0o077).toBe(0);
    const given = `whsec_${Buffer.alloc(24, 5).toString('base64')}`;
    expect((await loadSecrets(loadConfig({ DATA_DIR: d, PROVISIONING_WEBHOOK_SECRET: given }))).provisioningWebhookSecret).toBe(given);
    const bad = 'whsec_not base64 at all!';
    expect(() => loadConfig({ PROVISIONING_WEBHOOK_SECRET: bad })).toThrow(/PROVISIONING_WEBHOOK_SECRET/);
    try {
      loadConfig({ PROVISIONING_WEBHOOK_SECRET: bad });
    } catch (e) {
      expect(String(e)).not.toContain(bad);
    }
  });
});
