/** Retrying with growing waits: the download manager's transfers, the activation client's requests. */
export interface RetryPolicy {
  /**
   * How many failed attempts in a row are given up on. (A download's attempt that wrote bytes
   * resets the count: a connection that keeps dropping but keeps making progress is worth continuing.)
   */
  attempts: number;
  /** The first wait, doubled after each further failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * The wait before retry number `failure` (1 for the first): exponential, capped, and spread over
 * its upper half by `random` so that the files of a bundle cut by the same outage do not all come
 * back in the same instant.
 */
export function retryDelay(failure: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failure - 1));
  return Math.round(exponential * (0.5 + 0.5 * Math.min(1, Math.max(0, random()))));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that an abort ends early (with the signal's reason). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
