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
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'api', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: ['test/e2e/**'] } },
      { test: { ...shared, name: 'browser', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
