import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import {
  CertificateError,
  type KmsClientClaims,
  type KmsHostClaims,
  keyId,
  type LicensePoolCode,
  type MachineKind,
  signCertificate,
  verifyCertificate,
} from '../certificate.js';
import { readState, writeState } from '../client/state-file.js';
import { activeCount, countDomain, decide, type KmsClientRecord, prune, recordRequest } from '../kms-rules.js';

/** What the host keeps on disk: its own key pair, the certificate the service gave it, and the machines it has heard from. */
interface HostFile {
  privateKeyPem: string;
  certificate: string | null;
  clients: KmsClientRecord[];
}

export interface KmsRequest {
  fingerprint: string;
  pool: LicensePoolCode;
  machineKind: MachineKind;
  hostname?: string | null;
}

export type KmsAnswer =
  | { status: 'ACTIVATED'; grant: string; count: number; threshold: number; renewAfter: string; expiresAt: string }
  | { status: 'THRESHOLD_NOT_MET'; count: number; threshold: number; retryAfter: string }
  | { status: 'NOT_SERVED'; detail: string }
  | { status: 'HOST_NOT_ACTIVATED'; detail: string };

export interface KmsHost {
  /** The host's public key (SPKI DER, base64), sent to the service when the host activates itself. */
  readonly publicKey: string;
  readonly claims: KmsHostClaims | null;
  /** Installs the certificate the service issued; it must be the publisher's and name this host's key. */
  install(certificate: string): Promise<void>;
  request(req: KmsRequest): Promise<KmsAnswer>;
  status(): {
    activated: boolean;
    organizationId: string | null;
    pool: LicensePoolCode | null;
    counts: { OS: number; APPS: number };
    known: number;
  };
}

/**
 * R-KEY-5: an organization's own activation host. It counts the machines that ask (physical and
 * virtual alike, each until it has not renewed within the count window), activates them once the
 * threshold of their kind is met, and signs each grant with its own key, which the service has
 * certified. The policy numbers come from that certificate.
 */
export async function openKmsHost(opts: { stateFile: string; publisherKey: KeyObject | string; clock: Clock }): Promise<KmsHost> {
  const saved = await readState<HostFile>(opts.stateFile);
  const file: HostFile = saved ?? {
    privateKeyPem: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificate: null,
    clients: [],
  };
  if (!saved) await writeState(opts.stateFile, file);
  const privateKey = createPrivateKey(file.privateKeyPem);
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  let clients = new Map(file.clients.map((c) => [c.fingerprint, c]));

  const check = (certificate: string): KmsHostClaims => {
    const claims = verifyCertificate(certificate, opts.publisherKey, { kinds: ['KMS_HOST'] }) as KmsHostClaims;
    if (claims.hostPublicKey !== publicKey) throw new CertificateError('WRONG_MACHINE');
    return claims;
  };
  let claims = file.certificate ? check(file.certificate) : null;

  // One writer at a time: requests arrive concurrently, the file is rewritten whole.
  let saving = Promise.resolve();
  const save = () => {
    saving = saving.then(() => writeState(opts.stateFile, { ...file, clients: [...clients.values()] }));
    return saving;
  };

  return {
    publicKey,
    get claims() {
      return claims;
    },
    async install(certificate) {
      claims = check(certificate);
      file.certificate = certificate;
      await save();
    },
    async request(req) {
      if (!claims || !file.certificate)
        return { status: 'HOST_NOT_ACTIVATED', detail: 'This KMS host has not been activated with a host key yet.' };
      const now = opts.clock.now();
      const policy = claims.policy;
      clients = recordRequest(prune(clients, now, policy), req, now);
      const count = activeCount(clients.values(), countDomain(req.pool), now, policy);
      const d = decide(policy, claims.product.pool, req.pool, count, now);
      await save();
      if (d.status === 'NOT_SERVED') {
        return { status: 'NOT_SERVED', detail: `A ${claims.product.pool} host key does not activate ${req.pool} products.` };
      }
      if (d.status === 'THRESHOLD_NOT_MET')
        return { status: d.status, count: d.count, threshold: d.threshold, retryAfter: d.retryAfter.toISOString() };
      const grant: KmsClientClaims = {
        v: 1,
        kind: 'KMS_CLIENT',
        issuer: keyId(createPublicKey(privateKey)),
        id: randomUUID(),
        organizationId: claims.organizationId,
        product: claims.product,
        fingerprint: req.fingerprint,
        hostname: req.hostname ?? null,
        machineKind: req.machineKind,
        method: 'KMS',
        issuedAt: d.grantedAt.toISOString(),
        renewAfter: d.renewAfter.toISOString(),
        expiresAt: d.expiresAt.toISOString(),
        hostCertificate: file.certificate,
      };
      return {
        status: 'ACTIVATED',
        grant: signCertificate(grant, privateKey),
        count: d.count,
        threshold: d.threshold,
        renewAfter: grant.renewAfter,
        expiresAt: grant.expiresAt,
      };
    },
    status() {
      const now = opts.clock.now();
      const policy = claims?.policy;
      return {
        activated: claims !== null,
        organizationId: claims?.organizationId ?? null,
        pool: claims?.product.pool ?? null,
        counts: policy
          ? { OS: activeCount(clients.values(), 'OS', now, policy), APPS: activeCount(clients.values(), 'APPS', now, policy) }
          : { OS: 0, APPS: 0 },
        known: clients.size,
      };
    },
  };
}
