import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CertificateError,
  decodeClaims,
  keyId,
  type MakClaims,
  signCertificate,
  verifyCertificate,
} from '../../src/modules/activation/certificate.js';

const publisher = generateKeyPairSync('ed25519');
const publicPem = publisher.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const claims: MakClaims = {
  v: 1,
  kind: 'MAK',
  issuer: keyId(publisher.publicKey),
  id: '6f2d0a3e-7f6c-4c43-9a4e-9d3b6d1f0a11',
  organizationId: 'b8a7c2a1-2222-4c43-9a4e-9d3b6d1f0a11',
  product: { code: 'WIN-ENT-11', name: 'Windows', version: '11', edition: 'Enterprise', pool: 'SYSTEMS' },
  fingerprint: 'machine-0001',
  hostname: 'pc-0001',
  machineKind: 'VIRTUAL',
  issuedAt: '2026-01-15T10:00:00.000Z',
  keyLastFive: 'X7K2Q',
  method: 'INDEPENDENT',
};
const reason = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (e) {
    return e instanceof CertificateError ? e.reason : String(e);
  }
};

describe('activation certificates (Ed25519)', () => {
  const cert = signCertificate(claims, publisher.privateKey);

  it('R-KEY-4: a certificate verifies offline with the published public key and names the machine', () => {
    expect(cert.startsWith('LSC1.')).toBe(true);
    expect(verifyCertificate(cert, publicPem)).toEqual(claims);
    expect(verifyCertificate(cert, publicPem, { fingerprint: 'machine-0001', kinds: ['MAK'] })).toEqual(claims);
    expect(keyId(publicPem)).toBe(claims.issuer);
  });

  it('R-KEY-4: a tampered certificate fails: changed claims, changed signature, another key, another machine', () => {
    const [prefix, payload, signature] = cert.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, fingerprint: 'machine-9999' })).toString('base64url');
    expect(reason(() => verifyCertificate(`${prefix}.${forged}.${signature}`, publicPem))).toBe('BAD_SIGNATURE');
    for (let i = 0; i < payload.length; i += 7) {
      const c = payload[i] === 'A' ? 'B' : 'A';
      const flipped = `${prefix}.${payload.slice(0, i)}${c}${payload.slice(i + 1)}.${signature}`;
      expect(reason(() => verifyCertificate(flipped, publicPem))).not.toBe('OK');
    }
    const badSig = `${prefix}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(reason(() => verifyCertificate(badSig, publicPem))).toBe('BAD_SIGNATURE');
    const other = generateKeyPairSync('ed25519');
    expect(reason(() => verifyCertificate(cert, other.publicKey))).toBe('BAD_SIGNATURE');
    // Signed by a key that is not the publisher's, even with the publisher's issuer name.
    expect(reason(() => verifyCertificate(signCertificate(claims, other.privateKey), publicPem))).toBe('BAD_SIGNATURE');
    expect(reason(() => verifyCertificate(cert, publicPem, { fingerprint: 'machine-0002' }))).toBe('WRONG_MACHINE');
    expect(reason(() => verifyCertificate(cert, publicPem, { kinds: ['KMS_HOST'] }))).toBe('WRONG_KIND');
    expect(reason(() => verifyCertificate('LSC1.abc', publicPem))).toBe('MALFORMED');
    expect(reason(() => verifyCertificate(`XYZ9.${payload}.${signature}`, publicPem))).toBe('MALFORMED');
  });

  it('claims can be read before checking, to pick the key; reading is not trusting', () => {
    expect(decodeClaims(cert).kind).toBe('MAK');
    expect(() => decodeClaims('garbage')).toThrow(CertificateError);
  });
});
