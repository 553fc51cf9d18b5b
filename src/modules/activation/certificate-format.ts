import { z } from 'zod';
import { PoolSchema } from '../catalog/schemas.js';
import { CERTIFICATE_PREFIX } from './certificate.js';

/**
 * The signed form of an activation certificate (certificate.ts), told in the OpenAPI document so
 * that a third party can check one offline. The claims schema is the document's; a type test keeps
 * it equal to certificate.ts's `CertificateClaims`.
 */

const When = z.string().describe('an instant, ISO 8601 in UTC, e.g. 2025-01-31T12:00:00.000Z');

const Base = {
  v: z.literal(1).describe('the format version'),
  issuer: z.string().describe("the signing key's keyId: the publisher's, or for KMS_CLIENT the KMS host's"),
  id: z.string().describe('this activation (or KMS host, or KMS grant)'),
  organizationId: z.string(),
  product: z.object({ code: z.string(), name: z.string(), version: z.string(), edition: z.string(), pool: PoolSchema }),
  fingerprint: z.string().describe('the machine the certificate is for, as it named itself when it activated'),
  hostname: z.string().nullable(),
  machineKind: z.enum(['PHYSICAL', 'VIRTUAL']),
  issuedAt: When,
};

export const CertificateClaimsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...Base,
      kind: z.enum(['MAK', 'OSA']),
      keyLastFive: z.string(),
      method: z.enum(['INDEPENDENT', 'PROXY', 'REDEMPTION']),
    })
    .describe('A machine activated with a MAK (independently or by proxy), or an OSA key redeemed: permanent'),
  z
    .object({
      ...Base,
      kind: z.literal('KMS_HOST'),
      keyLastFive: z.string(),
      method: z.literal('KMS_HOST'),
      hostPublicKey: z.string().describe("the host's own Ed25519 public key, SPKI DER in base64: it signs its clients' grants"),
      policy: z
        .object({
          thresholds: z.record(PoolSchema, z.number().int()),
          grantDays: z.number().int(),
          renewDays: z.number().int(),
          retryHours: z.number().int(),
          countWindowDays: z.number().int(),
        })
        .describe('what the host enforces (R-KEY-5, R-KEY-6)'),
    })
    .describe("A KMS host activated with a KMS host key: it may activate the organization's machines"),
  z
    .object({
      ...Base,
      kind: z.literal('KMS_CLIENT'),
      method: z.literal('KMS'),
      renewAfter: When,
      expiresAt: When,
      hostCertificate: z.string().describe("the host's own certificate (kind KMS_HOST), signed by the publisher"),
    })
    .describe("A machine activated by its organization's KMS host, until expiresAt unless renewed"),
]);

z.globalRegistry.add(CertificateClaimsSchema, { id: 'ActivationCertificateClaims' });

/** How to check a certificate offline, in the description of every route that hands one out. */
export const CERTIFICATE_FORMAT = `**The activation certificate** is the text \`${CERTIFICATE_PREFIX}.<payload>.<signature>\` (surrounding white space aside). A machine keeps it and checks it offline:

1. Split it at its two dots. The first part is \`${CERTIFICATE_PREFIX}\`.
2. \`<signature>\` is the 64-byte Ed25519 signature (RFC 8032, pure Ed25519) in base64url without padding (RFC 4648 §5). It signs the ASCII bytes of \`${CERTIFICATE_PREFIX}.<payload>\`: the first two parts exactly as received, not the decoded JSON. Only the canonical spelling counts: encoding the 64 bytes again must give the same text.
3. Verify it with the publisher's key from \`GET /api/v1/activation/public-key\` (\`publicKeyPem\`, SPKI in PEM). Fetch that key once and keep it: checking needs no network.
4. \`<payload>\` is the UTF-8 JSON of the claims (schema \`ActivationCertificateClaims\`) in base64url without padding. Require \`v\` = 1, \`issuer\` = the key's \`keyId\` (the first 16 hexadecimal characters of the SHA-256 of the key's SPKI DER encoding) and \`fingerprint\` = the machine's own.

A grant from an organization's KMS host (\`kind\` KMS_CLIENT) is signed by that host: check its \`hostCertificate\` as above (its \`kind\` must be KMS_HOST), then the grant with the host's key (the host certificate's \`hostPublicKey\`, SPKI DER in base64) as in steps 1, 2 and 4, with \`issuer\` = that key's \`keyId\`, the same \`organizationId\` as the host's, and the time before \`expiresAt\`.`;
