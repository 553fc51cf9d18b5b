import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type CertificateClaims,
  type KmsClientClaims,
  type KmsHostClaims,
  keyId,
  signCertificate,
  verifyKmsGrant,
} from '../../src/modules/activation/certificate.js';
import { CertificateClaimsSchema } from '../../src/modules/activation/certificate-format.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';
import { createCatalog, keyOf, licensingIdOf, order } from '../keys/helpers.js';

/**
 * A third party's check of a certificate, written from the OpenAPI document's description alone
 * (node:crypto, no code of the service): split, canonical base64url signature over the first two
 * parts, Ed25519 with the published key, claims whose `issuer` is the key's keyId.
 */
function checkAsDocumented(certificate: string, key: KeyObject): Record<string, unknown> {
  const [prefix, payload, signature, ...rest] = certificate.trim().split('.');
  expect(prefix).toBe('LSC1');
  expect(rest).toEqual([]);
  const signatureBytes = Buffer.from(signature ?? '', 'base64url');
  expect(signatureBytes).toHaveLength(64);
  expect(signatureBytes.toString('base64url')).toBe(signature);
  expect(verify(null, Buffer.from(`${prefix}.${payload}`, 'ascii'), key, signatureBytes)).toBe(true);
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  const spki = key.export({ type: 'spki', format: 'der' });
  expect(claims).toMatchObject({ v: 1, issuer: createHash('sha256').update(spki).digest('hex').slice(0, 16) });
  // The document's claims schema names every claim: nothing is dropped by parsing with it.
  expect(CertificateClaimsSchema.parse(claims)).toEqual(claims);
  return claims;
}

describe('the activation certificate is documented well enough to check offline (R-KEY-4)', () => {
  let t: TestApp;
  let publisherKey: KeyObject;
  let doc: { paths: Record<string, Record<string, { description?: string }>>; components: { schemas: Record<string, unknown> } };
  const keys: Record<string, { productKey: string }> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { ACTIVATION_IP_LIMIT: '100000', ACTIVATION_KEY_LIMIT: '100000' } });
    const operator = await signIn(t.app, 'operator@northwind.example');
    const admin = await signIn(t.app, 'admin@contoso.example');
    await createCatalog(t.app, operator);
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 10 },
      { product: 'WS2025-DC', licenseType: 'LSA', quantity: 10 },
    ]);
    const id = await licensingIdOf(t.database.db, '67012345');
    await t.as(operator).post(`/operator/licensing-ids/${id}/keys/issue`);
    keys.mak = await keyOf(t.app, admin, id, 'WIN11-ENT', 'MAK');
    keys.kms = await keyOf(t.app, admin, id, 'WS2025-DC', 'KMS_HOST');
    publisherKey = createPublicKey((await t.as(null).get('/activation/public-key')).json().publicKeyPem);
    doc = (await t.as(null).get('/api/openapi.json')).json();
  });
  afterAll(() => t.close());

  it('the claims schema of the document is the claims type of the code', () => {
    expectTypeOf<z.infer<typeof CertificateClaimsSchema>>().toEqualTypeOf<CertificateClaims>();
    expect(Object.keys(doc.components.schemas)).toContain('ActivationCertificateClaims');
  });

  it('every route that hands out a certificate, and the public key, tells how to check it', () => {
    for (const [path, method] of [
      ['/api/v1/activations', 'post'],
      ['/api/v1/activations/proxy', 'post'],
      ['/api/v1/kms-hosts/activate', 'post'],
      ['/api/v1/activation/public-key', 'get'],
    ] as const) {
      const description = doc.paths[path]?.[method]?.description ?? '';
      expect(description, path).toContain('LSC1.<payload>.<signature>');
      expect(description, path).toContain('first 16 hexadecimal characters of the SHA-256');
    }
  });

  it('a MAK certificate and a KMS host certificate check out as documented', async () => {
    const mak = await t
      .as(null)
      .post('/activations', { productKey: keys.mak?.productKey, productCode: 'WIN11-ENT', fingerprint: 'doc-pc-1' });
    expect(mak.statusCode).toBe(201);
    expect(checkAsDocumented(mak.json().certificate, publisherKey)).toMatchObject({ kind: 'MAK', fingerprint: 'doc-pc-1' });

    const host = generateKeyPairSync('ed25519');
    const hostPublicKey = host.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const kms = await t
      .as(null)
      .post('/kms-hosts/activate', { productKey: keys.kms?.productKey, productCode: 'WS2025-DC', fingerprint: 'doc-kms-1', hostPublicKey });
    expect(kms.statusCode).toBe(201);
    const hostClaims = checkAsDocumented(kms.json().certificate, publisherKey) as unknown as KmsHostClaims;
    expect(hostClaims).toMatchObject({ kind: 'KMS_HOST', hostPublicKey });

    // A grant of that host to a client machine: signed by the host's key, its certificate inside.
    const grant: KmsClientClaims = {
      v: 1,
      issuer: keyId(host.publicKey),
      id: 'grant-1',
      organizationId: hostClaims.organizationId,
      product: hostClaims.product,
      fingerprint: 'doc-client-1',
      hostname: null,
      machineKind: 'VIRTUAL',
      issuedAt: new Date().toISOString(),
      kind: 'KMS_CLIENT',
      method: 'KMS',
      renewAfter: new Date(Date.now() + 86_400_000).toISOString(),
      expiresAt: new Date(Date.now() + 180 * 86_400_000).toISOString(),
      hostCertificate: kms.json().certificate,
    };
    const signed = signCertificate(grant, host.privateKey);
    const documentedHost = checkAsDocumented(grant.hostCertificate, publisherKey);
    const documentedHostKey = createPublicKey({
      key: Buffer.from(String(documentedHost.hostPublicKey), 'base64'),
      format: 'der',
      type: 'spki',
    });
    expect(checkAsDocumented(signed, documentedHostKey)).toMatchObject({
      kind: 'KMS_CLIENT',
      organizationId: documentedHost.organizationId,
    });
    // The service's own check agrees with the documented one.
    expect(verifyKmsGrant(signed, publisherKey, { fingerprint: 'doc-client-1', now: new Date() }).grant.id).toBe('grant-1');
  });
});
