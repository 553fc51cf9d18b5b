import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startDailyJob } from '../../src/platform/daily-job.js';

// Several polls, for what must not happen; what must happen is waited for (expect.poll), as a
// busy machine may fit fewer polls than planned into any fixed wait.
const settle = () => new Promise((r) => setTimeout(r, 60));

describe('a daily job on an injected clock', () => {
  it('runs at start, not again the same day, once when the clock’s day changes, and never after stop', async () => {
    const clock = fixedClock('2026-06-30T23:59:00Z');
    const days: string[] = [];
    const job = startDailyJob({ clock, pollMs: 5, run: async () => void days.push(clock.now().toISOString().slice(0, 10)) });
    try {
      await expect.poll(() => [...days]).toEqual(['2026-06-30']);
      clock.advance(30_000); // still the same UTC day
      await settle();
      expect(days).toEqual(['2026-06-30']);
      clock.advance(60_000);
      await expect.poll(() => [...days]).toEqual(['2026-06-30', '2026-07-01']);
    } finally {
      await job.stop();
    }
    clock.advance(86_400_000);
    await settle();
    expect(days).toEqual(['2026-06-30', '2026-07-01']);
  });

  it('a failed run is reported and tried again at the next poll, until it succeeds', async () => {
    const clock = fixedClock('2026-07-01T08:00:00Z');
    const errors: unknown[] = [];
    let attempts = 0;
    const job = startDailyJob({
      clock,
      pollMs: 5,
      onError: (e) => errors.push(e),
      run: async () => {
        attempts++;
        if (attempts < 3) throw new Error('database away');
      },
    });
    await expect.poll(() => attempts).toBe(3);
    // Succeeded: not run again that day.
    await settle();
    await job.stop();
    expect(attempts).toBe(3);
    expect(errors).toHaveLength(2);
  });

  it('stop() waits for a run in progress', async () => {
    let finished = false;
    let started!: () => void;
    const begun = new Promise<void>((r) => {
      started = r;
    });
    const job = startDailyJob({
      clock: fixedClock('2026-07-01T08:00:00Z'),
      run: async () => {
        started();
        await new Promise((r) => setTimeout(r, 50));
        finished = true;
      },
    });
    await begun;
    await job.stop();
    expect(finished).toBe(true);
  });
});
