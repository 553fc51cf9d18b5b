import { defineConfig } from 'vitest/config';

/**
 * Two projects: `api` (everything without a browser: rules, HTTP, CLI, database) and `browser`
 * (the portal in Chromium, test/e2e). CI runs both on the embedded database and the `api` project
 * again on the PostgreSQL server: the portal does not talk to the database, so running it twice
 * would prove nothing new.
 */
const shared = {
  globalSetup: ['test/global-setup.ts'],
  // Each file gets its own database cloned from a migrated template, so files run in parallel.
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // expect.poll waits for a page or a job to get there; its default second is too short once
  // files run side by side on a busy machine (a page's redirect was seen taking longer).
  expect: { poll: { timeout: 15_000 } },
};

/**
 * Files side by side, per project. Vitest's default (cores - 1) is a single worker on a 2-core CI
 * machine, yet a file mostly waits on PostgreSQL, a child process or Chromium, so more files than
 * cores keep the cores busy. A browser file drives a Chromium of its own (several processes, the
 * heavier load), hence fewer of them. LSC_TEST_WORKERS=1 runs every file one after another (to
 * compare, or to rule out that a failure comes from a neighbour).
 */
const workers = (preferred: number) => Number(process.env.LSC_TEST_WORKERS) || preferred;

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          ...shared,
          name: 'api',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          maxWorkers: workers(3),
          // Projects with different worker counts run one after the other (vitest requires it).
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...shared, name: 'browser', include: ['test/e2e/**/*.test.ts'], maxWorkers: workers(2), sequence: { groupOrder: 1 } } },
    ],
  },
});
