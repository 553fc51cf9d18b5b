import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { decodeCanonicalBase64url } from '../../platform/base64url.js';
import type { LicensePool } from '../catalog/rules.js';

/**
 * Activation certificates: `LSC1.<payload>.<signature>`, both base64url, the signature Ed25519
 * over the ASCII text `LSC1.<payload>`. A machine keeps its certificate and checks it offline
 * with the published public key (R-KEY-4: once activated it needs no further contact). This
 * file has no server dependencies: the client library and the KMS host use it too.
 */
export const CERTIFICATE_PREFIX = 'LSC1';

export type MachineKind = 'PHYSICAL' | 'VIRTUAL';
export type LicensePoolCode = LicensePool;

export interface CertifiedProduct {
  code: string;
  name: string;
  version: string;
  edition: string;
  pool: LicensePoolCode;
}

/** The numbers a KMS host enforces, signed into its certificate by the service (R-KEY-5, R-KEY-6). */
export interface KmsPolicy {
  thresholds: Record<LicensePoolCode, number>;
  grantDays: number;
  renewDays: number;
  retryHours: number;
  countWindowDays: number;
}

interface ClaimsBase {
  v: 1;
  /** The signer: the publisher's key id, or a KMS host's. */
  issuer: string;
  id: string;
  organizationId: string;
  product: CertifiedProduct;
  fingerprint: string;
  hostname: string | null;
  machineKind: MachineKind;
  issuedAt: string;
}

/** A machine activated with a MAK (independently or by proxy), or an OSA key redeemed: permanent. */
export interface MakClaims extends ClaimsBase {
  kind: 'MAK' | 'OSA';
  keyLastFive: string;
  method: 'INDEPENDENT' | 'PROXY' | 'REDEMPTION';
}

/** A KMS host activated with a KMS host key: it may activate the organization's machines. */
export interface KmsHostClaims extends ClaimsBase {
  kind: 'KMS_HOST';
  keyLastFive: string;
  method: 'KMS_HOST';
  /** The host's own Ed25519 public key (SPKI DER, base64): it signs its clients' grants. */
  hostPublicKey: string;
  policy: KmsPolicy;
}

/** A machine activated by the organization's KMS host, until `expiresAt` unless renewed. */
export interface KmsClientClaims extends ClaimsBase {
  kind: 'KMS_CLIENT';
  method: 'KMS';
  renewAfter: string;
  expiresAt: string;
  /** The host's certificate, so the grant verifies offline up to the publisher's key. */
  hostCertificate: string;
}

export type CertificateClaims = MakClaims | KmsHostClaims | KmsClientClaims;

const b64url = (b: Buffer) => b.toString('base64url');

/** A short, stable name for a signing key: the first 16 hex characters of the SHA-256 of its SPKI. */
export function keyId(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signCertificate(claims: CertificateClaims, privateKey: KeyObject): string {
  const head = `${CERTIFICATE_PREFIX}.${b64url(Buffer.from(JSON.stringify(claims)))}`;
  return `${head}.${b64url(sign(null, Buffer.from(head), privateKey))}`;
}

export type VerifyFailure = 'MALFORMED' | 'BAD_SIGNATURE' | 'WRONG_ISSUER' | 'WRONG_MACHINE' | 'EXPIRED' | 'WRONG_KIND';

export class CertificateError extends Error {
  constructor(readonly reason: VerifyFailure) {
    super(`activation certificate rejected: ${reason}`);
    this.name = 'CertificateError';
  }
}

export interface VerifyExpectations {
  /** When given, the certificate must name this machine. */
  fingerprint?: string;
  kinds?: readonly CertificateClaims['kind'][];
}

/**
 * Checks a certificate against a public key (PEM, or a KeyObject) and returns its claims; throws
 * CertificateError saying why it does not hold. A changed character anywhere fails the signature.
 */
export function verifyCertificate(certificate: string, publicKey: KeyObject | string, expect: VerifyExpectations = {}): CertificateClaims {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const parts = certificate.trim().split('.');
  if (parts.length !== 3 || parts[0] !== CERTIFICATE_PREFIX) throw new CertificateError('MALFORMED');
  const [prefix, payload = '', signature = ''] = parts;
  // The payload is signed as text; the signature is compared in its one canonical spelling, so
  // that "a changed character anywhere fails" holds for its last character too.
  const signatureBytes = decodeCanonicalBase64url(signature);
  if (!signatureBytes || !verify(null, Buffer.from(`${prefix}.${payload}`), key, signatureBytes))
    throw new CertificateError('BAD_SIGNATURE');
  let claims: CertificateClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CertificateClaims;
  } catch {
    throw new CertificateError('MALFORMED');
  }
  if (claims.v !== 1 || typeof claims.kind !== 'string') throw new CertificateError('MALFORMED');
  if (claims.issuer !== keyId(key)) throw new CertificateError('WRONG_ISSUER');
  if (expect.kinds && !expect.kinds.includes(claims.kind)) throw new CertificateError('WRONG_KIND');
  if (expect.fingerprint !== undefined && claims.fingerprint !== expect.fingerprint) throw new CertificateError('WRONG_MACHINE');
  return claims;
}

/**
 * A KMS client's grant, checked offline up to the publisher's key: the embedded host certificate
 * must be the publisher's, and the grant must be signed by that host for the same organization.
 */
export function verifyKmsGrant(
  grant: string,
  publisherKey: KeyObject | string,
  expect: { fingerprint?: string; now?: Date } = {},
): { grant: KmsClientClaims; host: KmsHostClaims } {
  const unverified = decodeClaims(grant);
  if (unverified.kind !== 'KMS_CLIENT') throw new CertificateError('WRONG_KIND');
  const host = verifyCertificate(unverified.hostCertificate, publisherKey, { kinds: ['KMS_HOST'] }) as KmsHostClaims;
  const hostKey = createPublicKey({ key: Buffer.from(host.hostPublicKey, 'base64'), format: 'der', type: 'spki' });
  const claims = verifyCertificate(grant, hostKey, { kinds: ['KMS_CLIENT'], fingerprint: expect.fingerprint }) as KmsClientClaims;
  if (claims.organizationId !== host.organizationId) throw new CertificateError('WRONG_ISSUER');
  if (expect.now && expect.now.getTime() >= Date.parse(claims.expiresAt)) throw new CertificateError('EXPIRED');
  return { grant: claims, host };
}

/** The claims without checking them: only to find which key to check them with. */
export function decodeClaims(certificate: string): CertificateClaims {
  const payload = certificate.trim().split('.')[1];
  if (!payload) throw new CertificateError('MALFORMED');
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CertificateClaims;
  } catch {
    throw new CertificateError('MALFORMED');
  }
}
