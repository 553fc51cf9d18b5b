/**
 * The local side of a shared fixed-window rate limit, as pure bookkeeping with the time passed in.
 * A node admits or refuses at once from what it knows: the shared count as of its last flush plus
 * the hits it has taken since (`pending`). A key it has not seen in this window is `unknown()`
 * until the caller `learn()`s its shared count. `drain()` hands the pending hits to be added to
 * the shared counter; `settle()` takes the shared count back. One node alone is therefore exact;
 * with several, each sees the others' hits one flush later, so a window can admit at most one
 * flush interval's worth of extra requests per other node.
 */
export interface Limit {
  key: string;
  max: number;
}

interface Entry {
  windowStart: number;
  known: number;
  pending: number;
  /** Pending hits handed out by drain() and not yet settled. */
  inFlight: number;
  /** When `known` was last read from the shared counter. */
  settledAt: number;
}

export class RateLedger {
  private readonly entries = new Map<string, Entry>();

  /**
   * `staleMs`: a count this node has not refreshed for that long (it had no hits to flush, so
   * nothing came back) is read again before it is used, or the other nodes' hits would go unseen.
   */
  constructor(
    private readonly windowMs: number,
    private readonly staleMs = windowMs,
    private readonly maxEntries = 100_000,
  ) {}

  private entry(key: string, now: number): Entry {
    let e = this.entries.get(key);
    if (e && now - e.windowStart >= this.windowMs) {
      // A new window: what was not flushed yet belonged to the old one and is dropped with it.
      e = undefined;
      this.entries.delete(key);
    }
    if (!e) {
      if (this.entries.size >= this.maxEntries) this.evict(now);
      e = { windowStart: now, known: 0, pending: 0, inFlight: 0, settledAt: now };
      this.entries.set(key, e);
    }
    return e;
  }

  /** The keys of `limits` this ledger has no current count for: to be learnt before take(). */
  unknown(limits: readonly Limit[], now: number): string[] {
    return limits.filter((l) => this.needsReading(this.entries.get(l.key), now)).map((l) => l.key);
  }

  private needsReading(e: Entry | undefined, now: number): boolean {
    if (!e || now - e.windowStart >= this.windowMs) return true;
    return e.pending === 0 && e.inFlight === 0 && now - e.settledAt > this.staleMs;
  }

  /** The shared counter of a key as read from the database (null: it has none). */
  learn(key: string, shared: { count: number; windowStart: number } | null, now: number): void {
    if (!this.needsReading(this.entries.get(key), now)) return;
    const current = shared && now - shared.windowStart < this.windowMs;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(key, {
      windowStart: current ? shared.windowStart : now,
      known: current ? shared.count : 0,
      pending: 0,
      inFlight: 0,
      settledAt: now,
    });
  }

  /** Counts one hit on every limit; true when none of them is over its maximum. */
  take(limits: readonly Limit[], now: number): boolean {
    let allowed = true;
    for (const l of limits) {
      const e = this.entry(l.key, now);
      e.pending++;
      if (e.known + e.pending + e.inFlight > l.max) allowed = false;
    }
    return allowed;
  }

  /** The hits to add to the shared counters, moved from pending to in flight. */
  drain(): { keys: string[]; amounts: number[] } {
    const keys: string[] = [];
    const amounts: number[] = [];
    for (const [key, e] of this.entries) {
      if (e.pending === 0) continue;
      keys.push(key);
      amounts.push(e.pending);
      e.inFlight += e.pending;
      e.pending = 0;
    }
    return { keys, amounts };
  }

  /** The shared counts after a flush of `amounts` (every node's hits, ours included). */
  settle(keys: readonly string[], amounts: readonly number[], counts: readonly number[], now: number): void {
    keys.forEach((key, i) => {
      const e = this.entries.get(key);
      if (!e) return;
      e.inFlight = Math.max(0, e.inFlight - (amounts[i] ?? 0));
      e.known = counts[i] ?? e.known;
      e.settledAt = now;
    });
  }

  /** A flush that failed: its hits are pending again, for the next one. */
  restore(keys: readonly string[], amounts: readonly number[]): void {
    keys.forEach((key, i) => {
      const e = this.entries.get(key);
      if (!e) return;
      const n = Math.min(e.inFlight, amounts[i] ?? 0);
      e.inFlight -= n;
      e.pending += n;
    });
  }

  /** Forgets windows that are over; then, if still full, the oldest third. */
  private evict(now: number): void {
    for (const [key, e] of this.entries) if (now - e.windowStart >= this.windowMs) this.entries.delete(key);
    if (this.entries.size < this.maxEntries) return;
    const oldest = [...this.entries].sort((a, b) => a[1].windowStart - b[1].windowStart);
    for (const [key] of oldest.slice(0, Math.ceil(oldest.length / 3))) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
