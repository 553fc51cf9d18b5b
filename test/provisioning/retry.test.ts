import { describe, expect, it } from 'vitest';
import { failureOf } from '../../src/modules/provisioning/attempt.js';
import { afterFailure, type DeliveryLimits } from '../../src/modules/provisioning/retry.js';
import { OutboundRefusedError } from '../../src/platform/net/outbound.js';

const limits: DeliveryLimits = { maxAttempts: 5, maxAgeMs: 3600_000, backoff: { attempts: 5, baseDelayMs: 10_000, maxDelayMs: 60_000 } };
const queuedAt = new Date('2026-12-05T09:00:00Z');
const later = (ms: number) => new Date(queuedAt.getTime() + ms);

describe('retrying a failed provisioning delivery', () => {
  it('waits longer after each failure, capped, spread by jitter over the upper half', () => {
    const wait = (attempts: number, random: number) => {
      const next = afterFailure(attempts, queuedAt, queuedAt, limits, () => random);
      return next.state === 'PENDING' ? next.nextAttemptAt.getTime() - queuedAt.getTime() : null;
    };
    expect([1, 2, 3, 4].map((n) => wait(n, 1))).toEqual([10_000, 20_000, 40_000, 60_000]);
    expect(wait(1, 0)).toBe(5_000);
    expect(wait(3, 0.5)).toBe(30_000);
  });

  it('gives up at the attempt limit: the event is marked failed (and kept)', () => {
    expect(afterFailure(4, queuedAt, later(1000), limits, () => 0).state).toBe('PENDING');
    expect(afterFailure(5, queuedAt, later(1000), limits, () => 0)).toEqual({ state: 'FAILED' });
  });

  it('gives up when the next attempt would fall past the age limit', () => {
    expect(afterFailure(2, queuedAt, later(3600_000 - 30_000), limits, () => 0).state).toBe('PENDING');
    expect(afterFailure(2, queuedAt, later(3600_000 - 5_000), limits, () => 1)).toEqual({ state: 'FAILED' });
  });

  it('names why an attempt failed: a timeout, a refused address, a connection that did not open', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(failureOf(timeout).outcome).toBe('TIMEOUT');
    expect(failureOf(new TypeError('fetch failed', { cause: new OutboundRefusedError('10.0.0.1', 'private') }))).toEqual({
      outcome: 'ADDRESS_REFUSED',
      error: 'private',
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(failureOf(refused)).toEqual({ outcome: 'UNREACHABLE', error: 'ECONNREFUSED' });
  });
});
