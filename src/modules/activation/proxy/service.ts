import { DomainError } from '../../../platform/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { CallContext, Machine } from '../call.js';
import type { KeyInput, KeyLookup } from '../keys.js';
import type { ActivationLimits } from '../limits.js';
import type { MakActivation } from '../mak/service.js';
import { howToRequestMore } from '../rules.js';
import { proxyAnswers, requestHash } from './answers.js';

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

export interface ProxyDeps {
  keys: Pick<KeyLookup, 'counts'>;
  limits: Pick<ActivationLimits, 'resolveWithinLimits'>;
  mak: Pick<MakActivation, 'activateMachine'>;
}

/**
 * R-KEY-4 proxy activation: one request for many machines. Each machine is all or nothing on its
 * own (its own atomic statement) and gets its own result; the key's checks apply to all. With an
 * Idempotency-Key the whole answer is kept, so a request whose answer was lost gets it again.
 */
export function createProxyActivation({ db, config }: Pick<ModuleDeps, 'db' | 'config'>, { keys, limits, mak }: ProxyDeps) {
  const answers = proxyAnswers(db);
  return {
    async activate(input: KeyInput & { machines: Machine[] }, ctx: CallContext): Promise<ProxyOutcome> {
      const { key, now } = await limits.resolveWithinLimits(input, 'PROXY', ctx);
      const idempotencyKey = ctx.idempotencyKey;
      const hash = requestHash(input);
      if (idempotencyKey) {
        const kept = await answers.find<ProxyOutcome>(key.id, idempotencyKey, hash);
        if (kept) return { ...kept, replayed: true };
      }
      const results: ProxyOutcome['results'] = [];
      for (const m of input.machines) {
        try {
          const r = await mak.activateMachine(key, m, 'PROXY', { ...ctx, idempotencyKey: undefined }, now);
          results.push({ fingerprint: m.fingerprint, status: r.status, activationId: r.activationId, certificate: r.certificate });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          results.push({ fingerprint: m.fingerprint, status: 'REFUSED' as const, code: e.code, detail: e.message });
        }
      }
      const refused = results.some((r) => r.status === 'REFUSED');
      const answer = {
        results,
        activations: await keys.counts(key.id),
        ...(refused ? { howToRequestMore: howToRequestMore('MORE_MAK_ACTIVATIONS', config.publicUrl, key.lastFive) } : {}),
      };
      if (!idempotencyKey) return { ...answer, replayed: false };
      const kept = await answers.keep(key.id, idempotencyKey, hash, answer, now);
      return { ...kept, replayed: kept !== answer };
    },
  };
}
