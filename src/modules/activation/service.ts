import type { Actor } from '../../platform/auth/actor.js';
import type { ModuleDeps } from '../../platform/module.js';
import { keyId as signingKeyId } from './certificate.js';
import { activationsPerDay } from './daily.js';
import { activationHistory } from './history.js';
import { createKeyLookup } from './keys.js';
import { createKmsHostActivation } from './kms-hosts/service.js';
import { createActivationLimits } from './limits.js';
import { createMakActivation } from './mak/service.js';
import { createProxyActivation } from './proxy/service.js';

/**
 * R-KEY-3, R-KEY-4, R-KEY-5: MAK activation (independent and proxy), OSA redemption, KMS host
 * activation, and a key's activation history. The machine's key is its credential; nothing but
 * the history needs a signed-in user. Each part lives in its own file; this wires them.
 */
export function createActivationService(deps: ModuleDeps) {
  const issuer = signingKeyId(deps.secrets.signingPublicKeyPem);
  const keys = createKeyLookup(deps);
  const limits = createActivationLimits(deps, keys);
  const mak = createMakActivation(deps, { keys, limits, issuer });
  const proxy = createProxyActivation(deps, { keys, limits, mak });
  const kmsHosts = createKmsHostActivation(deps, { keys, limits, issuer });
  return {
    close: limits.close,
    publicKey: () => ({ algorithm: 'Ed25519' as const, keyId: issuer, publicKeyPem: deps.secrets.signingPublicKeyPem }),
    activate: mak.activate,
    proxy: proxy.activate,
    activateHost: kmsHosts.activate,
    history: (actor: Actor, keyId: string, page: { limit: number; cursor?: string | undefined }) =>
      activationHistory(deps.db, actor, keyId, page),
    perDay: (actor: Actor, keyId: string, days: number) => activationsPerDay(deps.db, deps.clock, actor, keyId, days),
  };
}

export type ActivationService = ReturnType<typeof createActivationService>;
