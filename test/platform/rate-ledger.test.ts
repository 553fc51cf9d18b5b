import { describe, expect, it } from 'vitest';
import { RateLedger } from '../../src/platform/rate-ledger.js';

const limit = (max: number) => [{ key: 'k', max }];

/** A shared counter as the database keeps it, flushed into by several ledgers. */
function sharedCounter() {
  let count = 0;
  return {
    flush(ledger: RateLedger, now: number) {
      const { keys, amounts } = ledger.drain();
      count += amounts.reduce((a, b) => a + b, 0);
      ledger.settle(
        keys,
        amounts,
        keys.map(() => count),
        now,
      );
    },
    get count() {
      return count;
    },
  };
}

describe('RateLedger: a shared fixed-window limit decided locally', () => {
  it('one node alone is exact: the hit over the maximum and every later one are refused', () => {
    const ledger = new RateLedger(60_000);
    const taken = Array.from({ length: 5 }, (_, i) => ledger.take(limit(3), 1_000 + i));
    expect(taken).toEqual([true, true, true, false, false]);
  });

  it('a request counts on every limit it names and is refused when any one is over', () => {
    const ledger = new RateLedger(60_000);
    const both = [
      { key: 'ip', max: 10 },
      { key: 'key', max: 1 },
    ];
    expect(ledger.take(both, 0)).toBe(true);
    expect(ledger.take(both, 1)).toBe(false);
    expect(ledger.take([{ key: 'ip', max: 2 }], 2)).toBe(false); // the refused request counted on the address too
  });

  it('a shared count from a window that is over is not learnt', () => {
    const ledger = new RateLedger(60_000);
    ledger.learn('k', { count: 50, windowStart: 0 }, 61_000);
    expect(ledger.take(limit(3), 61_000)).toBe(true);
  });

  it('a new window starts from zero', () => {
    const ledger = new RateLedger(60_000);
    for (let i = 0; i < 3; i++) ledger.take(limit(3), i);
    expect(ledger.take(limit(3), 10)).toBe(false);
    expect(ledger.take(limit(3), 60_000)).toBe(true);
  });

  it('two nodes see each other’s hits after a flush, and hits being flushed still count', () => {
    const shared = sharedCounter();
    const [a, b] = [new RateLedger(60_000, 100), new RateLedger(60_000, 100)];
    expect([a.take(limit(4), 0), a.take(limit(4), 1), a.take(limit(4), 2)]).toEqual([true, true, true]);
    shared.flush(a, 2);
    expect(b.unknown(limit(4), 3)).toEqual(['k']);
    b.learn('k', { count: 3, windowStart: 0 }, 3);
    expect(b.unknown(limit(4), 3)).toEqual([]);
    expect([b.take(limit(4), 3), b.take(limit(4), 4)]).toEqual([true, false]);
    const inFlight = b.drain(); // handed to the database, not yet answered
    expect(b.take(limit(4), 5)).toBe(false);
    b.settle(inFlight.keys, inFlight.amounts, [6], 6);
    // a had nothing to flush, so its count is old by now: it reads the shared one before using it.
    expect(a.unknown(limit(4), 500)).toEqual(['k']);
    a.learn('k', { count: 6, windowStart: 0 }, 500);
    expect(a.take(limit(4), 500)).toBe(false);
  });

  it('a failed flush keeps its hits for the next one', () => {
    const ledger = new RateLedger(60_000);
    ledger.take(limit(9), 0);
    ledger.take(limit(9), 1);
    const first = ledger.drain();
    ledger.restore(first.keys, first.amounts);
    expect(ledger.drain()).toEqual({ keys: ['k'], amounts: [2] });
  });

  it('memory stays bounded: windows that are over go first, then the oldest', () => {
    const ledger = new RateLedger(1_000, 1_000, 10);
    for (let i = 0; i < 10; i++) ledger.take([{ key: `old-${i}`, max: 5 }], 0);
    ledger.take([{ key: 'new', max: 5 }], 2_000);
    expect(ledger.size).toBe(1);
    for (let i = 0; i < 9; i++) ledger.take([{ key: `n-${i}`, max: 5 }], 2_000 + i);
    ledger.take([{ key: 'last', max: 5 }], 2_500);
    expect(ledger.size).toBeLessThanOrEqual(10);
  });
});
