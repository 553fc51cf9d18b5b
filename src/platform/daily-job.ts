import type { Clock } from './clock.js';

export interface DailyJobOptions {
  clock: Clock;
  /** The work of one day; it must be safe to run twice (two nodes may both start it at midnight). */
  run: () => Promise<unknown>;
  /** How often the clock is read: how late after midnight the day's run may start. */
  pollMs?: number;
  /** A failed run is tried again at the next poll; this hears of the failure. */
  onError?: (error: unknown) => void;
}

/**
 * Runs a job once per UTC day of the injected clock: at start (a day missed while the service was
 * down is caught up), then at the first poll after the clock's day changes. It polls the clock
 * instead of sleeping until midnight so that the clock passed in decides, not the timer's idea of
 * time: a test moves it, and a clock corrected by NTP is followed. Started and stopped like the
 * mail dispatcher; stop() waits for a run in progress.
 */
export function startDailyJob({ clock, run, pollMs = 60_000, onError = () => {} }: DailyJobOptions) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastDay: string | null = null;
  const tick = () => {
    if (stopped) return;
    const day = clock.now().toISOString().slice(0, 10);
    const work =
      day === lastDay
        ? Promise.resolve()
        : run().then(
            () => {
              lastDay = day;
            },
            (e: unknown) => {
              try {
                onError(e);
              } catch {
                // a failing logger must not stop tomorrow's run
              }
            },
          );
    running = work.finally(() => {
      if (!stopped) timer = setTimeout(tick, pollMs);
    });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
