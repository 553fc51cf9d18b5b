import { createPublicKey, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/authorize.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ModuleDeps } from '../../platform/module.js';
import { createSharedRateLimit } from '../../platform/shared-rate-limit.js';
import { product } from '../catalog/tables.js';
import { createKeyVault } from '../keys/key-crypto.js';
import { parseKey } from '../keys/key-format.js';
import type { KeyType } from '../keys/rules.js';
import { productKey } from '../keys/tables.js';
import { licensingId } from '../relationship/tables.js';
import {
  type CertifiedProduct,
  type KmsHostClaims,
  type LicensePoolCode,
  type MachineKind,
  type MakClaims,
  signCertificate,
  keyId as signingKeyId,
} from './certificate.js';
import { kmsPolicyFrom } from './kms-rules.js';
import { proxyAnswers, requestHash } from './proxy-answers.js';
import { type Endpoint, howToRequestMore, keyRefusal } from './rules.js';
import { activation, kmsHost } from './tables.js';

export interface Machine {
  fingerprint: string;
  hostname?: string | undefined;
  machineKind: MachineKind;
}

export interface CallContext {
  ip: string;
  requestId: string;
  idempotencyKey?: string | undefined;
}

/** The key a request names, with what the checks and the certificate need. */
interface ResolvedKey {
  id: string;
  type: KeyType;
  organizationId: string;
  lastFive: string;
  product: CertifiedProduct;
}

interface KeyFactsRow extends ResolvedKey {
  licensingStatus: string;
  licensingEndDate: string | null;
}

/**
 * What a key is never changes (type, product, organization) and its Licensing ID's status rarely
 * does, so those facts are kept briefly per app node: a busy key then costs one statement per
 * activation instead of two. Counts are never cached; an expiry shows within the time to live.
 */
const KEY_FACTS_TTL_MS = 10_000;
const KEY_FACTS_MAX = 10_000;

/**
 * The activation of one machine: the SQL function activate_machine (migration 0009), called as a
 * statement prepared once per connection by name, so the hot path skips parsing and planning.
 */
const ACTIVATE_MACHINE = 'select used, activation_limit from activate_machine($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';

/** The SQLSTATE activate_machine raises when the key has no activation left; see migration 0009. */
const NO_ACTIVATION_LEFT = 'LSC02';
const sqlState = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code;
};

export interface ProxyOutcome {
  results: ({ fingerprint: string } & (
    | { status: 'ACTIVATED' | 'ALREADY_ACTIVATED'; activationId: string; certificate: string }
    | { status: 'REFUSED'; code: string; detail: string }
  ))[];
  activations: { used: number; limit: number };
  howToRequestMore?: ReturnType<typeof howToRequestMore>;
  /** The answer kept for this Idempotency-Key, sent again: nothing was counted this time. */
  replayed: boolean;
}

export type ActivationOutcome = {
  status: 'ACTIVATED' | 'ALREADY_ACTIVATED';
  activationId: string;
  certificate: string;
  activatedAt: Date;
  activations: { used: number; limit: number };
};

/**
 * R-KEY-3, R-KEY-4, R-KEY-5: MAK activation (independent and proxy), OSA redemption, KMS host
 * activation. The machine's key is its credential; nothing here needs a signed-in user. Every
 * count changes in one atomic statement whose WHERE holds the limit, so concurrent requests can
 * never take more than the key allows, and a refused request changes nothing.
 */
export function createActivationService({ db, database, config, clock, secrets }: ModuleDeps) {
  const vault = createKeyVault(secrets.keyEncryptionKey);
  const answers = proxyAnswers(db);
  const issuer = signingKeyId(secrets.signingPublicKeyPem);
  const kmsPolicy = kmsPolicyFrom(config);
  const window = config.ACTIVATION_WINDOW_SECONDS;

  const tooMany = () =>
    new DomainError('RATE_LIMITED', 429, 'Too many activation requests. Wait and try again.', { retryAfterSeconds: window });

  const facts = new Map<string, { at: number; row: KeyFactsRow }>();
  async function keyFacts(hash: string): Promise<KeyFactsRow | undefined> {
    const cached = facts.get(hash);
    if (cached && performance.now() - cached.at < KEY_FACTS_TTL_MS) return cached.row;
    const [found] = await db
      .select({
        id: productKey.id,
        type: productKey.type,
        organizationId: productKey.organizationId,
        lastFive: productKey.lastFive,
        product: { code: product.code, name: product.name, version: product.version, edition: product.edition, pool: product.pool },
        licensingStatus: licensingId.status,
        licensingEndDate: licensingId.endDate,
      })
      .from(productKey)
      .innerJoin(product, eq(product.id, productKey.productId))
      .innerJoin(licensingId, eq(licensingId.id, productKey.licensingId))
      .where(eq(productKey.keyHash, hash));
    if (!found) return undefined;
    const row = { ...found, product: { ...found.product, pool: found.product.pool as LicensePoolCode } };
    if (facts.size >= KEY_FACTS_MAX) facts.delete(facts.keys().next().value ?? '');
    facts.set(hash, { at: performance.now(), row });
    return row;
  }

  /** Parses and finds the key, then checks it suits the request (type, product, expiry). Counts nothing. */
  async function resolve(input: { productKey: string; productCode: string }, endpoint: Endpoint, now: Date): Promise<ResolvedKey> {
    const parsed = parseKey(input.productKey);
    if (!parsed.ok) {
      throw invalid(
        'KEY_MALFORMED',
        parsed.reason === 'CHECK'
          ? 'A character of this key is mistyped: its check character does not match.'
          : 'A key has 25 characters in five groups of five.',
        { reason: parsed.reason },
      );
    }
    const row = await keyFacts(vault.lookupHash(parsed.key));
    if (!row) throw new DomainError('KEY_UNKNOWN', 404, 'No such product key has been issued.');
    const refusal = keyRefusal(
      { type: row.type, productCode: row.product.code, licensingStatus: row.licensingStatus, licensingEndDate: row.licensingEndDate },
      { productCode: input.productCode, endpoint },
      now.toISOString().slice(0, 10),
    );
    if (refusal?.code === 'KEY_TYPE_MISMATCH') throw invalid('KEY_TYPE_MISMATCH', refusal.detail, { keyType: row.type });
    if (refusal?.code === 'KEY_PRODUCT_MISMATCH') throw invalid('KEY_PRODUCT_MISMATCH', refusal.detail);
    if (refusal?.code === 'KEY_LICENSING_ID_EXPIRED') throw conflict('KEY_LICENSING_ID_EXPIRED', refusal.detail);
    const { licensingStatus: _s, licensingEndDate: _e, ...key } = row;
    return key;
  }

  const counts = async (keyId: string) => {
    const [current] = await db
      .select({ used: productKey.used, limit: productKey.activationLimit })
      .from(productKey)
      .where(eq(productKey.id, keyId));
    if (!current) throw notFound('product key');
    return current;
  };

  /**
   * Activation cycling is a known abuse: requests are limited per client address and per key, on
   * counters shared by every app node (see createSharedRateLimit: decided locally, flushed to the
   * database). A request whose key is malformed, unknown or refused still counts against its
   * address, so guessing keys is throttled too.
   */
  const limiter = createSharedRateLimit(db, { windowSeconds: window, flushMs: config.ACTIVATION_LIMIT_FLUSH_MS, clock });
  async function resolveWithinLimits(input: { productKey: string; productCode: string }, endpoint: Endpoint, ctx: CallContext) {
    const now = clock.now();
    const byAddress = { key: `activation:ip:${ctx.ip}`, max: config.ACTIVATION_IP_LIMIT };
    let key: ResolvedKey;
    try {
      key = await resolve(input, endpoint, now);
    } catch (e) {
      if (e instanceof DomainError && !(await limiter.take([byAddress]))) throw tooMany();
      throw e;
    }
    if (!(await limiter.take([byAddress, { key: `activation:key:${key.id}`, max: config.ACTIVATION_KEY_LIMIT }]))) throw tooMany();
    return { key, now };
  }

  function makCertificate(key: ResolvedKey, m: Machine, id: string, method: MakClaims['method'], now: Date) {
    const claims: MakClaims = {
      v: 1,
      kind: key.type === 'OSA' ? 'OSA' : 'MAK',
      issuer,
      id,
      organizationId: key.organizationId,
      product: key.product,
      fingerprint: m.fingerprint,
      hostname: m.hostname ?? null,
      machineKind: m.machineKind,
      issuedAt: now.toISOString(),
      keyLastFive: key.lastFive,
      method,
    };
    return signCertificate(claims, secrets.signingKey);
  }

  /**
   * One machine: the count goes up and the activation (with its certificate and audit row) is
   * written in ONE statement. If there is no activation left, or this machine was activated
   * before, the UPDATE matches no row and nothing is inserted; if the same machine (or the same
   * Idempotency-Key) is being activated concurrently, the unique index fails the whole statement,
   * the count included. Either way the earlier activation is returned free.
   */
  async function activateMachine(
    key: ResolvedKey,
    m: Machine,
    method: MakClaims['method'],
    ctx: CallContext,
    now: Date,
  ): Promise<ActivationOutcome> {
    const id = uuidv7(now);
    const certificate = makCertificate(key, m, id, method, now);
    const after = JSON.stringify({ keyId: key.id, fingerprint: m.fingerprint, machineKind: m.machineKind, method });
    try {
      const res = await database.pool.query<{ used: number; activation_limit: number }>({
        name: 'lsc-activate-machine',
        text: ACTIVATE_MACHINE,
        values: [
          key.id,
          id,
          key.organizationId,
          m.fingerprint,
          m.hostname ?? null,
          m.machineKind,
          method,
          ctx.ip,
          ctx.idempotencyKey ?? null,
          certificate,
          now.toISOString(),
          after,
          ctx.requestId,
        ],
      });
      const row = res.rows[0];
      if (row)
        return {
          status: 'ACTIVATED',
          activationId: id,
          certificate,
          activatedAt: now,
          activations: { used: row.used, limit: row.activation_limit },
        };
    } catch (e) {
      const state = sqlState(e);
      if (state !== '23505' && state !== NO_ACTIVATION_LEFT) throw e;
    }
    return settle(key, m, ctx);
  }

  /** Why a machine was not counted: a retried request, a machine activated before, or nothing left. */
  async function settle(key: ResolvedKey, m: Machine, ctx: CallContext): Promise<ActivationOutcome> {
    const columns = {
      id: activation.id,
      fingerprint: activation.fingerprint,
      certificate: activation.certificate,
      activatedAt: activation.activatedAt,
    };
    const activations = await counts(key.id);
    if (ctx.idempotencyKey) {
      const [retried] = await db
        .select(columns)
        .from(activation)
        .where(and(eq(activation.keyId, key.id), eq(activation.idempotencyKey, ctx.idempotencyKey)));
      if (retried && retried.fingerprint !== m.fingerprint) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another machine.');
      }
      // The same request again: the same answer as the first time.
      if (retried)
        return {
          status: 'ACTIVATED',
          activationId: retried.id,
          certificate: retried.certificate,
          activatedAt: retried.activatedAt,
          activations,
        };
    }
    const [before] = await db
      .select(columns)
      .from(activation)
      .where(and(eq(activation.keyId, key.id), eq(activation.fingerprint, m.fingerprint)));
    if (key.type === 'OSA')
      throw conflict('OSA_KEY_REDEEMED', 'This Online Service Activation key has already been redeemed; it can be used once.');
    if (before)
      return {
        status: 'ALREADY_ACTIVATED',
        activationId: before.id,
        certificate: before.certificate,
        activatedAt: before.activatedAt,
        activations,
      };
    throw conflict('MAK_LIMIT_REACHED', `The MAK ending ${key.lastFive} has used all ${activations.limit} of its activations.`, {
      activations,
      howToRequestMore: howToRequestMore('MORE_MAK_ACTIVATIONS', config.publicUrl, key.lastFive),
    });
  }

  function hostPublicKeyOk(b64: string): boolean {
    try {
      return createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ed25519';
    } catch {
      return false;
    }
  }

  return {
    /** Hands the last rate-limit hits to the shared counters (on shutdown). */
    close: () => limiter.stop(),

    publicKey: () => ({ algorithm: 'Ed25519' as const, keyId: issuer, publicKeyPem: secrets.signingPublicKeyPem }),

    /** R-KEY-4 independent activation (or an OSA redemption): one machine calls in once. */
    async activate(input: { productKey: string; productCode: string } & Machine, ctx: CallContext) {
      const { key, now } = await resolveWithinLimits(input, 'INDEPENDENT', ctx);
      return activateMachine(key, input, key.type === 'OSA' ? 'REDEMPTION' : 'INDEPENDENT', ctx, now);
    },

    /**
     * R-KEY-4 proxy activation: one request for many machines. Each machine is all or nothing on
     * its own (its own atomic statement) and gets its own result; the key's checks apply to all.
     */
    async proxy(input: { productKey: string; productCode: string; machines: Machine[] }, ctx: CallContext): Promise<ProxyOutcome> {
      const { key, now } = await resolveWithinLimits(input, 'PROXY', ctx);
      const idempotencyKey = ctx.idempotencyKey;
      const hash = requestHash(input);
      if (idempotencyKey) {
        const kept = await answers.find<ProxyOutcome>(key.id, idempotencyKey, hash);
        if (kept) return { ...kept, replayed: true };
      }
      const results: ProxyOutcome['results'] = [];
      for (const m of input.machines) {
        try {
          const r = await activateMachine(key, m, 'PROXY', { ...ctx, idempotencyKey: undefined }, now);
          results.push({ fingerprint: m.fingerprint, status: r.status, activationId: r.activationId, certificate: r.certificate });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          results.push({ fingerprint: m.fingerprint, status: 'REFUSED' as const, code: e.code, detail: e.message });
        }
      }
      const refused = results.some((r) => r.status === 'REFUSED');
      const answer = {
        results,
        activations: await counts(key.id),
        ...(refused ? { howToRequestMore: howToRequestMore('MORE_MAK_ACTIVATIONS', config.publicUrl, key.lastFive) } : {}),
      };
      if (!idempotencyKey) return { ...answer, replayed: false };
      const kept = await answers.keep(key.id, idempotencyKey, hash, answer, now);
      return { ...kept, replayed: kept !== answer };
    },

    /**
     * R-KEY-5: a KMS host activates itself with a KMS host key. A new host takes one of the key's
     * hosts (6 by default) in one statement with its row; a known host counts one of its own
     * activations (10 by default). The certificate certifies the host's public key and carries the
     * policy numbers the host enforces.
     */
    async activateHost(input: { productKey: string; productCode: string; hostPublicKey: string } & Machine, ctx: CallContext) {
      if (!hostPublicKeyOk(input.hostPublicKey))
        throw invalid('HOST_KEY_INVALID', 'hostPublicKey must be an Ed25519 public key (SPKI DER, base64).');
      const { key, now } = await resolveWithinLimits(input, 'KMS_HOST', ctx);
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
              hosts: await counts(key.id),
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
            hosts: await counts(key.id),
            hostActivations: { used: row.activations, limit: perHost },
          };
        }
        const id = randomUUID();
        const certificate = certify(id);
        try {
          const res = await db.execute<{ used: number; activation_limit: number }>(sql`
            with bump as (
              update product_key set used = used + 1
              where id = ${key.id} and used < activation_limit
              returning used, activation_limit
            ), ins as (
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
            const hosts = await counts(key.id);
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

    /**
     * Activation history of one key (machine, when, method), newest first, for those who see the
     * key (R-KEY-9): another organization's key answers 404 like a missing one.
     */
    async history(actor: Actor, keyId: string, page: { limit: number; cursor?: string | undefined }) {
      const ids = await visibleLicensingIds(db, actor, 'keys.view');
      const [key] = ids.length
        ? await db
            .select({
              id: productKey.id,
              type: productKey.type,
              lastFive: productKey.lastFive,
              used: productKey.used,
              limit: productKey.activationLimit,
            })
            .from(productKey)
            .where(and(eq(productKey.id, keyId), inArray(productKey.licensingId, ids)))
        : [];
      if (!key) throw notFound('product key');
      const [afterAt, afterId] = page.cursor ? Buffer.from(page.cursor, 'base64url').toString().split('|') : [];
      const at = afterAt ? new Date(afterAt) : null;
      if (page.cursor && (!at || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(afterId ?? ''))) {
        throw new DomainError('VALIDATION_FAILED', 400, 'The cursor is not one this list gave out.');
      }
      let items: {
        id: string;
        fingerprint: string;
        hostname: string | null;
        machineKind: MachineKind;
        method: 'INDEPENDENT' | 'PROXY' | 'REDEMPTION' | 'KMS_HOST';
        activatedAt: Date;
        hostActivations: number | null;
        lastActivatedAt: Date | null;
      }[];
      if (key.type === 'KMS_HOST') {
        const rows = await db
          .select({
            id: kmsHost.id,
            fingerprint: kmsHost.fingerprint,
            hostname: kmsHost.hostname,
            machineKind: kmsHost.machineKind,
            activatedAt: kmsHost.firstActivatedAt,
            hostActivations: kmsHost.activations,
            lastActivatedAt: kmsHost.lastActivatedAt,
          })
          .from(kmsHost)
          .where(
            and(
              eq(kmsHost.keyId, key.id),
              at && afterId
                ? or(lt(kmsHost.firstActivatedAt, at), and(eq(kmsHost.firstActivatedAt, at), lt(kmsHost.id, afterId)))
                : undefined,
            ),
          )
          .orderBy(desc(kmsHost.firstActivatedAt), desc(kmsHost.id))
          .limit(page.limit + 1);
        items = rows.map((r) => ({ ...r, method: 'KMS_HOST' as const }));
      } else {
        const rows = await db
          .select({
            id: activation.id,
            fingerprint: activation.fingerprint,
            hostname: activation.hostname,
            machineKind: activation.machineKind,
            method: activation.method,
            activatedAt: activation.activatedAt,
          })
          .from(activation)
          .where(
            and(
              eq(activation.keyId, key.id),
              at && afterId
                ? or(lt(activation.activatedAt, at), and(eq(activation.activatedAt, at), lt(activation.id, afterId)))
                : undefined,
            ),
          )
          .orderBy(desc(activation.activatedAt), desc(activation.id))
          .limit(page.limit + 1);
        items = rows.map((r) => ({ ...r, hostActivations: null, lastActivatedAt: null }));
      }
      const more = items.length > page.limit;
      const shown = items.slice(0, page.limit);
      const last = shown[shown.length - 1];
      return {
        key: { id: key.id, type: key.type, lastFive: key.lastFive, activations: { used: key.used, limit: key.limit } },
        items: shown,
        nextCursor: more && last ? Buffer.from(`${last.activatedAt.toISOString()}|${last.id}`).toString('base64url') : null,
      };
    },
  };
}

export type ActivationService = ReturnType<typeof createActivationService>;
