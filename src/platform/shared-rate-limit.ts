import { sql } from 'drizzle-orm';
import type { Clock } from './clock.js';
import type { Db } from './db/client.js';
import { type Limit, RateLedger } from './rate-ledger.js';
import { hits } from './rate-limit.js';

/**
 * A rate limit on a hot path, shared by every app node without a database round trip per
 * request: each node decides from its RateLedger (reading a key's shared count once, when it
 * first sees the key in a window) and adds its hits to the shared counters every `flushMs` in one
 * statement. Per-request counting made every activation of a key queue on the
 * key's counter row and halved activations per second; this costs, with several nodes, at most
 * one flush interval of lag in seeing the other nodes' hits.
 */
export function createSharedRateLimit(db: Db, opts: { windowSeconds: number; flushMs: number; clock: Clock }) {
  const ledger = new RateLedger(opts.windowSeconds * 1000, opts.flushMs * 2);
  let running: Promise<void> | undefined;

  async function flushOnce(): Promise<void> {
    const drained = ledger.drain();
    // Sorted, so that two nodes flushing the same keys lock them in the same order.
    const order = drained.keys.map((_, i) => i).sort((a, b) => (drained.keys[a] ?? '').localeCompare(drained.keys[b] ?? ''));
    const keys = order.map((i) => drained.keys[i] ?? '');
    const amounts = order.map((i) => drained.amounts[i] ?? 0);
    if (keys.length === 0) return;
    try {
      const counts = await hits(db, keys, opts.windowSeconds, opts.clock.now(), amounts);
      ledger.settle(keys, amounts, counts, opts.clock.now().getTime());
    } catch {
      // The database is away for a moment: the hits wait for the next flush.
      ledger.restore(keys, amounts);
    }
  }

  const flush = (): Promise<void> => {
    running ??= flushOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void flush(), opts.flushMs);
  timer.unref();

  /** A key first seen in this window: its shared count, read without locking anything. */
  async function learn(keys: string[], now: number): Promise<void> {
    const res = await db.execute<{ key: string; count: number; window_start: Date | string }>(
      sql`select key, count, window_start from rate_limit where key = any(${sql.param(keys)}::text[])`,
    );
    const found = new Map(res.rows.map((r) => [r.key, { count: Number(r.count), windowStart: new Date(r.window_start).getTime() }]));
    for (const key of keys) ledger.learn(key, found.get(key) ?? null, now);
  }

  return {
    /** Counts a hit on every limit; true when the request may go on. */
    async take(limits: readonly Limit[]): Promise<boolean> {
      const now = opts.clock.now().getTime();
      const unknown = ledger.unknown(limits, now);
      if (unknown.length > 0) await learn(unknown, now);
      return ledger.take(limits, now);
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
      await flush(); // what came in while the last one ran
    },
  };
}

export type SharedRateLimit = ReturnType<typeof createSharedRateLimit>;
