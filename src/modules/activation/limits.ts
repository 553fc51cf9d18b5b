import { DomainError } from '../../platform/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { createSharedRateLimit } from '../../platform/shared-rate-limit.js';
import type { CallContext } from './call.js';
import type { ResolvedKey } from './key-cache.js';
import type { KeyInput, KeyLookup } from './keys.js';
import type { Endpoint } from './rules.js';

/**
 * Activation cycling is a known abuse: requests are limited per client address and per key, on
 * counters shared by every app node (see createSharedRateLimit: decided locally, flushed to the
 * database). A request whose key is malformed, unknown or refused still counts against its
 * address, so guessing keys is throttled too.
 */
export function createActivationLimits(
  { db, config, clock }: Pick<ModuleDeps, 'db' | 'config' | 'clock'>,
  keys: Pick<KeyLookup, 'resolve'>,
) {
  const window = config.ACTIVATION_WINDOW_SECONDS;
  const tooMany = () =>
    new DomainError('RATE_LIMITED', 429, 'Too many activation requests. Wait and try again.', { retryAfterSeconds: window });
  const limiter = createSharedRateLimit(db, { windowSeconds: window, flushMs: config.ACTIVATION_LIMIT_FLUSH_MS, clock });

  return {
    /** The key the request names, once the request is within the limits of its address and its key. */
    async resolveWithinLimits(input: KeyInput, endpoint: Endpoint, ctx: CallContext): Promise<{ key: ResolvedKey; now: Date }> {
      const now = clock.now();
      const byAddress = { key: `activation:ip:${ctx.ip}`, max: config.ACTIVATION_IP_LIMIT };
      let key: ResolvedKey;
      try {
        key = await keys.resolve(input, endpoint, now);
      } catch (e) {
        if (e instanceof DomainError && !(await limiter.take([byAddress]))) throw tooMany();
        throw e;
      }
      if (!(await limiter.take([byAddress, { key: `activation:key:${key.id}`, max: config.ACTIVATION_KEY_LIMIT }]))) throw tooMany();
      return { key, now };
    },

    /** Hands the last rate-limit hits to the shared counters (on shutdown). */
    close: () => limiter.stop(),
  };
}

export type ActivationLimits = ReturnType<typeof createActivationLimits>;
