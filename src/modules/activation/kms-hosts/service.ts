import { createPublicKey, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { sqlState } from '../../../platform/db/sql-state.js';
import { conflict, DomainError, invalid } from '../../../platform/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { takeActivation } from '../../keys/activation-count.js';
import type { CallContext, Machine } from '../call.js';
import { type KmsHostClaims, signCertificate } from '../certificate.js';
import type { KeyInput, KeyLookup } from '../keys.js';
import { kmsPolicyFrom } from '../kms-rules.js';
import type { ActivationLimits } from '../limits.js';
import { howToRequestMore } from '../rules.js';
import { kmsHost } from '../tables.js';

export interface KmsHostDeps {
  keys: Pick<KeyLookup, 'counts'>;
  limits: Pick<ActivationLimits, 'resolveWithinLimits'>;
  /** The id of the signing key, named in every certificate. */
  issuer: string;
}

function hostPublicKeyOk(b64: string): boolean {
  try {
    return createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

/**
 * R-KEY-5, the service's side: KMS hosts activating themselves with a KMS host key (the kms_host
 * rows). The host program the customer runs, which then answers its clients, is ../kms-host/.
 */
export function createKmsHostActivation(
  { db, config, secrets }: Pick<ModuleDeps, 'db' | 'config' | 'secrets'>,
  { keys, limits, issuer }: KmsHostDeps,
) {
  const kmsPolicy = kmsPolicyFrom(config);
  return {
    /**
     * A new host takes one of the key's hosts (6 by default) in one statement with its row; a
     * known host counts one of its own activations (10 by default). The certificate certifies the
     * host's public key and carries the policy numbers the host enforces.
     */
    async activate(input: KeyInput & { hostPublicKey: string } & Machine, ctx: CallContext) {
      if (!hostPublicKeyOk(input.hostPublicKey))
        throw invalid('HOST_KEY_INVALID', 'hostPublicKey must be an Ed25519 public key (SPKI DER, base64).');
      const { key, now } = await limits.resolveWithinLimits(input, 'KMS_HOST', ctx);
      const perHost = config.KMS_ACTIVATIONS_PER_HOST;
      const certify = (id: string) => {
        const claims: KmsHostClaims = {
          v: 1,
          kind: 'KMS_HOST',
          issuer,
          id,
          organizationId: key.organizationId,
          product: key.product,
          fingerprint: input.fingerprint,
          hostname: input.hostname ?? null,
          machineKind: input.machineKind,
          issuedAt: now.toISOString(),
          keyLastFive: key.lastFive,
          method: 'KMS_HOST',
          hostPublicKey: input.hostPublicKey,
          policy: kmsPolicy,
        };
        return signCertificate(claims, secrets.signingKey);
      };
      const after = JSON.stringify({ keyId: key.id, fingerprint: input.fingerprint, machineKind: input.machineKind });
      for (let attempt = 0; attempt < 2; attempt++) {
        const [known] = await db
          .select({
            id: kmsHost.id,
            activations: kmsHost.activations,
            certificate: kmsHost.certificate,
            lastIdempotencyKey: kmsHost.lastIdempotencyKey,
          })
          .from(kmsHost)
          .where(and(eq(kmsHost.keyId, key.id), eq(kmsHost.fingerprint, input.fingerprint)));
        if (known) {
          if (ctx.idempotencyKey && known.lastIdempotencyKey === ctx.idempotencyKey) {
            return {
              status: 'ACTIVATED' as const,
              hostId: known.id,
              certificate: known.certificate,
              hosts: await keys.counts(key.id),
              hostActivations: { used: known.activations, limit: perHost },
            };
          }
          const certificate = certify(known.id);
          const res = await db.execute<{ activations: number }>(sql`
            with again as (
              update kms_host set activations = activations + 1, host_public_key = ${input.hostPublicKey}, certificate = ${certificate},
                hostname = ${input.hostname ?? null}, client_address = ${ctx.ip}, last_idempotency_key = ${ctx.idempotencyKey ?? null},
                last_activated_at = ${now.toISOString()}
              where id = ${known.id} and activations < ${perHost}
              returning id, activations
            ), aud as (
              insert into audit_log (organization_id, action, target_type, target_id, after, request_id)
              select ${key.organizationId}, 'kms-host.reactivate', 'kms_host', id::text, ${after}::jsonb, ${ctx.requestId} from again
            )
            select activations from again`);
          const row = res.rows[0];
          if (!row) {
            throw conflict('KMS_HOST_REACTIVATION_LIMIT', `This KMS host has used all ${perHost} of its activations with this key.`, {
              howToRequestMore: howToRequestMore('MORE_KMS_HOSTS', config.publicUrl, key.lastFive),
            });
          }
          return {
            status: 'ACTIVATED' as const,
            hostId: known.id,
            certificate,
            hosts: await keys.counts(key.id),
            hostActivations: { used: row.activations, limit: perHost },
          };
        }
        const id = randomUUID();
        const certificate = certify(id);
        try {
          const res = await db.execute<{ used: number; activation_limit: number }>(sql`
            with bump as (${takeActivation(key.id)}), ins as (
              insert into kms_host (id, key_id, organization_id, fingerprint, hostname, machine_kind, host_public_key, activations, certificate,
                                    client_address, last_idempotency_key, first_activated_at, last_activated_at)
              select ${id}, ${key.id}, ${key.organizationId}, ${input.fingerprint}, ${input.hostname ?? null}, ${input.machineKind},
                     ${input.hostPublicKey}, 1, ${certificate}, ${ctx.ip}, ${ctx.idempotencyKey ?? null}, ${now.toISOString()}, ${now.toISOString()}
              from bump
              returning id
            ), aud as (
              insert into audit_log (organization_id, action, target_type, target_id, after, request_id)
              select ${key.organizationId}, 'kms-host.activate', 'kms_host', id::text, ${after}::jsonb, ${ctx.requestId} from ins
            )
            select used, activation_limit from bump`);
          const row = res.rows[0];
          if (!row) {
            const hosts = await keys.counts(key.id);
            throw conflict(
              'KMS_HOST_LIMIT_REACHED',
              `The KMS host key ending ${key.lastFive} has activated all ${hosts.limit} of its hosts.`,
              {
                hosts,
                howToRequestMore: howToRequestMore('MORE_KMS_HOSTS', config.publicUrl, key.lastFive),
              },
            );
          }
          return {
            status: 'ACTIVATED' as const,
            hostId: id,
            certificate,
            hosts: { used: row.used, limit: row.activation_limit },
            hostActivations: { used: 1, limit: perHost },
          };
        } catch (e) {
          // The same host activating twice at once: the second finds the first on its next pass.
          if (sqlState(e) !== '23505') throw e;
        }
      }
      throw new DomainError('INTERNAL', 500, 'The KMS host activation did not settle.');
    },
  };
}
