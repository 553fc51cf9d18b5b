import { type RetryPolicy, retryDelay } from '../../platform/backoff.js';

/** How long a failing event is retried, from the configuration. */
export interface DeliveryLimits {
  maxAttempts: number;
  maxAgeMs: number;
  backoff: RetryPolicy;
}

export type AfterFailure = { state: 'FAILED' } | { state: 'PENDING'; nextAttemptAt: Date };

/**
 * What becomes of an event whose attempt number `attempts` (counted since it was queued) just
 * failed: tried again after an exponential wait with jitter, or, past the attempt or age limit,
 * marked failed. A failed event is kept and shown; only an operator's redelivery queues it again.
 */
export function afterFailure(
  attempts: number,
  queuedAt: Date,
  now: Date,
  limits: DeliveryLimits,
  random: () => number = Math.random,
): AfterFailure {
  if (attempts >= limits.maxAttempts) return { state: 'FAILED' };
  const nextAttemptAt = new Date(now.getTime() + retryDelay(attempts, limits.backoff, random));
  // A retry that would fall after the age limit is not made: the event fails now, not later.
  if (nextAttemptAt.getTime() - queuedAt.getTime() > limits.maxAgeMs) return { state: 'FAILED' };
  return { state: 'PENDING', nextAttemptAt };
}
