/**
 * Runs `task` now and then again `intervalMs` after each run ends (never two at once) until
 * stopped; stop waits for a run in progress. The server's background workers (the mail outbox,
 * the change-of-partner sweep) poll the database this way: the state lives in PostgreSQL, so a
 * restart loses nothing and several nodes may poll side by side.
 */
export function startPolling(task: () => Promise<unknown>, intervalMs: number, onError: (e: unknown) => void = () => {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = task()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
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
