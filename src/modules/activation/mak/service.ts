import { and, eq } from 'drizzle-orm';
import { sqlState } from '../../../platform/db/sql-state.js';
import { conflict } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { CallContext, Machine } from '../call.js';
import { type MakClaims, signCertificate } from '../certificate.js';
import type { ResolvedKey } from '../key-cache.js';
import type { KeyInput, KeyLookup } from '../keys.js';
import type { ActivationLimits } from '../limits.js';
import { howToRequestMore } from '../rules.js';
import { activation } from '../tables.js';

/**
 * The activation of one machine: the SQL function activate_machine (migration 0009), called as a
 * statement prepared once per connection by name, so the hot path skips parsing and planning.
 */
const ACTIVATE_MACHINE = 'select used, activation_limit from activate_machine($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';

/** The SQLSTATE activate_machine raises when the key has no activation left; see migration 0009. */
const NO_ACTIVATION_LEFT = 'LSC02';

export type ActivationOutcome = {
  status: 'ACTIVATED' | 'ALREADY_ACTIVATED';
  activationId: string;
  certificate: string;
  activatedAt: Date;
  activations: { used: number; limit: number };
};

export interface MakDeps {
  keys: Pick<KeyLookup, 'counts'>;
  limits: Pick<ActivationLimits, 'resolveWithinLimits'>;
  /** The id of the signing key, named in every certificate. */
  issuer: string;
}

/**
 * R-KEY-3, R-KEY-4: MAK activation of one machine (and an OSA key's redemption). The count changes
 * in one atomic statement whose WHERE holds the limit, so concurrent requests can never take more
 * than the key allows, and a refused request changes nothing.
 */
export function createMakActivation({ db, database, config, secrets }: ModuleDeps, { keys, limits, issuer }: MakDeps) {
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
    const activations = await keys.counts(key.id);
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

  return {
    activateMachine,

    /** R-KEY-4 independent activation (or an OSA redemption): one machine calls in once. */
    async activate(input: KeyInput & Machine, ctx: CallContext) {
      const { key, now } = await limits.resolveWithinLimits(input, 'INDEPENDENT', ctx);
      return activateMachine(key, input, key.type === 'OSA' ? 'REDEMPTION' : 'INDEPENDENT', ctx, now);
    },
  };
}

export type MakActivation = ReturnType<typeof createMakActivation>;
